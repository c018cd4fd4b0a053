import { z } from "zod";
import { idSchema } from "./common";

export const deleteDeploymentSchema = z.object({ deploymentId: idSchema });
