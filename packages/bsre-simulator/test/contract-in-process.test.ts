import { contractSuite } from "./contract";

contractSuite("in-process");
