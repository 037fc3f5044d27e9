package ferry.cli;

import ferry.app.RootCredentials;
import java.net.URI;
import java.util.List;

/** Accounts' credentials as {@code aws} CLI profiles that point at Ferry. */
final class Profiles {
  private Profiles() {}

  static String render(List<RootCredentials> accounts, URI endpoint) {
    StringBuilder out = new StringBuilder();
    for (RootCredentials root : accounts) {
      out.append("[profile ")
          .append(root.accountName())
          .append("]\n")
          .append("aws_access_key_id = ")
          .append(root.accessKeyId())
          .append('\n')
          .append("aws_secret_access_key = ")
          .append(root.secretAccessKey())
          .append('\n')
          .append("region = us-east-1\n")
          .append("endpoint_url = ")
          .append(endpoint)
          .append("\n\n");
    }
    return out.toString();
  }
}
