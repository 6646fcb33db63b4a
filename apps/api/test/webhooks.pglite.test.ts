import { describeWebhooks } from "./support/webhook-suite";

describeWebhooks("pglite");
