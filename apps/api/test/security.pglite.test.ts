import { describeSecurity } from "./support/security-suite";

describeSecurity("pglite");
