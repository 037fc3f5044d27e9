package ferry.protocol;

/** The XML namespace of each query-protocol service's documents. */
public final class QueryNamespaces {
  private QueryNamespaces() {}

  public static String of(String service) {
    return switch (service) {
      case "iam" -> "https://iam.amazonaws.com/doc/2010-05-08/";
      case "sts" -> "https://sts.amazonaws.com/doc/2011-06-15/";
      case "cloudformation" -> "http://cloudformation.amazonaws.com/doc/2010-05-15/";
      default -> "https://" + service + ".amazonaws.com/doc/";
    };
  }
}
