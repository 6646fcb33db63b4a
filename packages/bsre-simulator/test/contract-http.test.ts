import { contractSuite } from "./contract";

contractSuite("http");
