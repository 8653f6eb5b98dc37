import { checkProductActionProperties } from './product-action-properties.js';

checkProductActionProperties('adjust_product_stock');
