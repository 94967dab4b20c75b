export { SfuAdminClient, SfuAdminError } from "./SfuAdminClient";
