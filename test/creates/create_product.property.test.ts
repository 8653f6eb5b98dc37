import { checkProductActionProperties } from './product-action-properties.js';

checkProductActionProperties('create_product');
