import { IObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";
import { Model, ModelData, setValidateFunc, createTypeMetaGuard } from "@kubernetes-models/base";
import { ValidateFunc } from "@kubernetes-models/validate";
import { validate } from "../../_schemas/SshpiperComV1beta1Pipe";

export interface IPipe {
  "apiVersion": "sshpiper.com/v1beta1";
  "kind": "Pipe";
  "metadata"?: IObjectMeta;
  "spec": {
    "from": Array<{
      "username": string;
      "username_regex_match"?: boolean;
      /**
       * base64 of authorized_keys lines
       */
      "authorized_keys_data"?: string;
      "authorized_keys_file"?: string;
      "authorized_keys_secret"?: {
        "name"?: string;
      };
      "htpasswd_data"?: string;
      "htpasswd_file"?: string;
    }>;
    "to": {
      /**
       * host:port of the upstream sshd
       */
      "host": string;
      "username"?: string;
      "ignore_hostkey"?: boolean;
      "known_hosts_data"?: string;
      "private_key_secret"?: {
        "name"?: string;
      };
      "password_secret"?: {
        "name"?: string;
      };
    };
  };
}

export class Pipe extends Model<IPipe> implements IPipe {
  "apiVersion": IPipe["apiVersion"];
  "kind": IPipe["kind"];
  "metadata"?: IPipe["metadata"];
  "spec": IPipe["spec"];

static apiVersion: IPipe["apiVersion"] = "sshpiper.com/v1beta1";
static kind: IPipe["kind"] = "Pipe";
static is = createTypeMetaGuard<IPipe>(Pipe);

constructor(data?: ModelData<IPipe>) {
  super();

  this.setDefinedProps({
    apiVersion: Pipe.apiVersion,
    kind: Pipe.kind,
    ...data
  } as IPipe);
}
}


setValidateFunc(Pipe, validate as ValidateFunc<IPipe>);
