export * as sshpiperCom from "./sshpiper.com/index";
export * as nvidiaCom from "./nvidia.com/index";
