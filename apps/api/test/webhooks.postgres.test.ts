import { describeWebhooks } from "./support/webhook-suite";

// Mandatory: CI sets DATABASE_URL; locally the default server at 127.0.0.1:5432 is used.
describeWebhooks("postgres");
