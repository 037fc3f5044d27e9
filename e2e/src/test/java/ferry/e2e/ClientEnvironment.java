package ferry.e2e;

import java.util.Map;

/**
 * The environment of an AWS client process run by a test: one account's keys in the SDKs' own
 * variables, us-east-1, and nothing of this machine's AWS set-up (no AWS_* variable of the build,
 * no config or credentials file, no instance metadata lookup).
 */
final class ClientEnvironment {
  private ClientEnvironment() {}

  static void isolate(Map<String, String> env, String accessKeyId, String secretAccessKey) {
    env.keySet().removeIf(name -> name.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", accessKeyId);
    env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
  }
}
