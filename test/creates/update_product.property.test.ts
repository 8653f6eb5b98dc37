import { checkProductActionProperties } from './product-action-properties.js';

checkProductActionProperties('update_product');
