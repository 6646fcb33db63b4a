import { tekenVitestConfig } from "../../vitest.shared";

export default tekenVitestConfig();
