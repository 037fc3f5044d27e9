package ferry.aws;

/**
 * Who makes a request: an account's root user, an IAM user, a role session, an AWS service, or
 * nobody (anonymous).
 */
public sealed interface Principal
    permits Principal.AccountRoot,
        Principal.IamUser,
        Principal.AssumedRole,
        Principal.ServicePrincipal,
        Principal.Anonymous {

  /** The account the principal belongs to; an AWS service and anonymous callers have none. */
  AccountId account();

  /** The ARN that policies and error messages name, e.g. {@code arn:aws:iam::ID:root}. */
  String arn();

  /** The value of {@code aws:userid}. */
  String userId();

  /** The root user of an account. */
  record AccountRoot(AccountId account) implements Principal {
    @Override
    public String arn() {
      return account.rootArn();
    }

    @Override
    public String userId() {
      return account.value();
    }
  }

  /** An IAM user; {@code path} is {@code /} or {@code /a/b/}, {@code id} the AIDA… unique id. */
  record IamUser(AccountId account, String path, String name, String id) implements Principal {
    @Override
    public String arn() {
      return "arn:aws:iam::" + account + ":user" + path + name;
    }

    @Override
    public String userId() {
      return id;
    }
  }

  /**
   * A session of an assumed role, {@code arn:aws:sts::ID:assumed-role/ROLE/SESSION}; {@code roleId}
   * is the role's AROA… unique id.
   */
  record AssumedRole(
      AccountId account, String rolePath, String roleName, String roleId, String session)
      implements Principal {
    @Override
    public String arn() {
      return "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + session;
    }

    /** The ARN of the role itself, with its path: what trust and resource policies name. */
    public String roleArn() {
      return "arn:aws:iam::" + account + ":role" + rolePath + roleName;
    }

    @Override
    public String userId() {
      return roleId + ":" + session;
    }
  }

  /** An AWS service acting on its own behalf, such as {@code codepipeline.amazonaws.com}. */
  record ServicePrincipal(String service) implements Principal {
    @Override
    public AccountId account() {
      throw new IllegalStateException(service + " belongs to no account");
    }

    @Override
    public String arn() {
      return service;
    }

    @Override
    public String userId() {
      return service;
    }
  }

  /** A request that carries no credentials. */
  record Anonymous() implements Principal {
    @Override
    public AccountId account() {
      throw new IllegalStateException("An anonymous caller belongs to no account");
    }

    @Override
    public String arn() {
      return "anonymous";
    }

    @Override
    public String userId() {
      return "anonymous";
    }
  }
}
