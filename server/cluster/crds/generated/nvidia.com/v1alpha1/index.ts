export * from "./DynamoGraphDeployment";
