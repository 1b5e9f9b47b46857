import { documentsSuite } from './documents.suite';

documentsSuite('s3');
