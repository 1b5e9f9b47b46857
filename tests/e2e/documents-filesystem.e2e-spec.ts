import { documentsSuite } from './documents.suite';

documentsSuite('filesystem');
