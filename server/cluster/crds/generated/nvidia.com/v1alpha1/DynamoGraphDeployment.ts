import { IObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";
import { Model, ModelData, setValidateFunc, createTypeMetaGuard } from "@kubernetes-models/base";
import { ValidateFunc } from "@kubernetes-models/validate";
import { validate } from "../../_schemas/NvidiaComV1alpha1DynamoGraphDeployment";

export interface IDynamoGraphDeployment {
  "apiVersion": "nvidia.com/v1alpha1";
  "kind": "DynamoGraphDeployment";
  "metadata"?: IObjectMeta;
  "spec"?: {
    "backendFramework"?: "sglang" | "vllm" | "trtllm";
    "dynamoGraph"?: string;
    "envs"?: Array<{
      "name": string;
      "value"?: string;
      "valueFrom"?: {
      };
    }>;
    "pvcs"?: Array<{
      "create"?: boolean;
      "name"?: string;
      "storageClass"?: string;
      "size"?: number | string;
      "volumeAccessMode"?: string;
    }>;
    "services"?: {
      [key: string]: {
        "annotations"?: {
          [key: string]: string;
        };
        "labels"?: {
          [key: string]: string;
        };
        "serviceName"?: string;
        "componentType"?: string;
        "subComponentType"?: string;
        "dynamoNamespace"?: string;
        "globalDynamoNamespace"?: boolean;
        "replicas"?: number;
        "resources"?: {
          "requests"?: {
            "cpu"?: string;
            "memory"?: string;
            /**
             * GPU count per node
             */
            "gpu"?: string;
            /**
             * extended resource; nvidia.com/gpu if empty
             */
            "gpuType"?: string;
            "custom"?: {
              [key: string]: string;
            };
          };
          "limits"?: {
            "cpu"?: string;
            "memory"?: string;
            /**
             * GPU count per node
             */
            "gpu"?: string;
            /**
             * extended resource; nvidia.com/gpu if empty
             */
            "gpuType"?: string;
            "custom"?: {
              [key: string]: string;
            };
          };
          "claims"?: Array<{
            "name": string;
            "request"?: string;
          }>;
        };
        "envs"?: Array<{
          "name": string;
          "value"?: string;
          "valueFrom"?: {
          };
        }>;
        "envFromSecret"?: string;
        "volumeMounts"?: Array<{
          "name": string;
          "mountPoint"?: string;
          "useAsCompilationCache"?: boolean;
        }>;
        "sharedMemory"?: {
          "disabled"?: boolean;
          "size"?: number | string;
        };
        "extraPodMetadata"?: {
          "annotations"?: {
            [key: string]: string;
          };
          "labels"?: {
            [key: string]: string;
          };
        };
        "extraPodSpec"?: {
          "mainContainer"?: {
            "image"?: string;
            "command"?: Array<string>;
            "args"?: Array<string>;
            "workingDir"?: string;
          };
        };
        "livenessProbe"?: {
        };
        "readinessProbe"?: {
        };
        "multinode"?: {
          "nodeCount": number;
        };
        "ingress"?: {
        };
        "modelRef"?: {
          "name": string;
          "revision"?: string;
        };
      };
    };
  };
  "status"?: {
  };
}

export class DynamoGraphDeployment extends Model<IDynamoGraphDeployment> implements IDynamoGraphDeployment {
  "apiVersion": IDynamoGraphDeployment["apiVersion"];
  "kind": IDynamoGraphDeployment["kind"];
  "metadata"?: IDynamoGraphDeployment["metadata"];
  "spec"?: IDynamoGraphDeployment["spec"];
  "status"?: IDynamoGraphDeployment["status"];

static apiVersion: IDynamoGraphDeployment["apiVersion"] = "nvidia.com/v1alpha1";
static kind: IDynamoGraphDeployment["kind"] = "DynamoGraphDeployment";
static is = createTypeMetaGuard<IDynamoGraphDeployment>(DynamoGraphDeployment);

constructor(data?: ModelData<IDynamoGraphDeployment>) {
  super();

  this.setDefinedProps({
    apiVersion: DynamoGraphDeployment.apiVersion,
    kind: DynamoGraphDeployment.kind,
    ...data
  } as IDynamoGraphDeployment);
}
}


setValidateFunc(DynamoGraphDeployment, validate as ValidateFunc<IDynamoGraphDeployment>);
