package ferry.console.web;

import ferry.auth.StoredCredential;
import ferry.aws.AwsException;
import ferry.aws.Principal;
import ferry.sts.AssumeRoleRequest;
import ferry.sts.AssumeRoleResult;
import ferry.sts.Credentials;
import ferry.sts.StsService;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Sign-in, sign-out and switch role: the pages that open and close console sessions. */
final class SessionPages {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ROLE = Pattern.compile("(/[\\x21-\\x7E]*/)?[\\w+=,.@-]{1,64}");

  private final ConsoleSessions sessions;
  private final SignIn signIn;
  private final StsService sts;
  private final Denials denials;

  SessionPages(ConsoleSessions sessions, SignIn signIn, StsService sts, Denials denials) {
    this.sessions = sessions;
    this.signIn = signIn;
    this.sts = sts;
    this.denials = denials;
  }

  List<Route> routes() {
    return List.of(
        Route.publicGet("/signin", this::signInForm),
        Route.publicPost("/signin", this::signIn),
        Route.post("/signout", this::signOut),
        Route.get("/switch-role", request -> Reply.page("switchrole.jte", SwitchRoleForm.EMPTY)),
        Route.post("/switch-role", this::switchRole),
        Route.post("/switch-back", this::switchBack));
  }

  private Reply signInForm(ConsoleRequest request) {
    if (request.session() != null) {
      return Reply.redirect("/");
    }
    return Reply.page("signin.jte", SignInForm.EMPTY);
  }

  private Reply signIn(ConsoleRequest request) {
    String accessKeyId = Objects.requireNonNullElse(request.form("accessKeyId"), "").strip();
    StoredCredential credential =
        signIn.verify(
            accessKeyId,
            Objects.requireNonNullElse(request.form("secretAccessKey"), ""),
            request.form("sessionToken"));
    if (credential == null) {
      return Reply.page(401, "signin.jte", new SignInForm(SignIn.FAILED, null, accessKeyId));
    }
    if (request.session() != null) {
      sessions.close(request.session().id());
    }
    return new Reply.SessionOpened(sessions.open(credential, null), Reply.redirect("/"));
  }

  private Reply signOut(ConsoleRequest request) {
    sessions.close(Objects.requireNonNull(request.session()).id());
    return new Reply.SessionClosed(Reply.redirect("/signin"));
  }

  /**
   * AssumeRole as the principal that signed in (not as a role switched to before), as the AWS
   * console does; the new session replaces the current one and remembers whom to switch back to.
   */
  private Reply switchRole(ConsoleRequest request) {
    ConsoleSession session = Objects.requireNonNull(request.session());
    String account = Objects.requireNonNullElse(request.form("account"), "").strip();
    String role = Objects.requireNonNullElse(request.form("role"), "").strip();
    if (!ACCOUNT.matcher(account).matches() || !ROLE.matcher(role).matches()) {
      return Reply.page(
          400,
          "switchrole.jte",
          new SwitchRoleForm(
              account,
              role,
              null,
              "Enter a 12-digit account ID and a role name (with its path, if it has one)."));
    }
    StoredCredential origin =
        session.switchedFrom() != null ? session.switchedFrom() : session.credential();
    StoredCredential current = signIn.stillValid(origin);
    if (current == null) {
      return new Reply.SessionClosed(Reply.page(401, "signin.jte", SignInForm.SIGNED_OUT));
    }
    String roleArn = "arn:aws:iam::" + account + ":role" + (role.startsWith("/") ? "" : "/") + role;
    AssumeRoleResult result;
    try {
      result =
          sts.assumeRole(
              callerFor(request, origin), AssumeRoleRequest.of(roleArn, sessionName(origin)));
    } catch (AwsException error) {
      if (!Denials.isDenial(error)) {
        throw error;
      }
      return Reply.page(
          403, "switchrole.jte", new SwitchRoleForm(account, role, denials.of(error), null));
    }
    Credentials credentials = result.credentials();
    StoredCredential assumed =
        signIn.verify(
            credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
    if (assumed == null) {
      throw new IllegalStateException("STS made a session its credential store does not know");
    }
    sessions.close(session.id());
    return new Reply.SessionOpened(sessions.open(assumed, origin), Reply.redirect("/"));
  }

  private Reply switchBack(ConsoleRequest request) {
    ConsoleSession session = Objects.requireNonNull(request.session());
    if (session.switchedFrom() == null) {
      return Reply.redirect("/");
    }
    StoredCredential origin = signIn.stillValid(session.switchedFrom());
    sessions.close(session.id());
    if (origin == null) {
      return new Reply.SessionClosed(Reply.page(401, "signin.jte", SignInForm.SIGNED_OUT));
    }
    return new Reply.SessionOpened(sessions.open(origin, null), Reply.redirect("/"));
  }

  /** The caller as the request's, but signed in with {@code credential}. */
  private static ferry.aws.Caller callerFor(ConsoleRequest request, StoredCredential credential) {
    var caller = request.caller();
    return credential.caller(
        caller.sourceIp(), caller.secureTransport(), caller.requestTime(), caller.region());
  }

  /** The role session's name: the signed-in user's name, as the AWS console uses it. */
  private static String sessionName(StoredCredential credential) {
    String name =
        switch (credential.principal()) {
          case Principal.IamUser user -> user.name();
          case Principal.AssumedRole role -> role.session();
          default -> "console";
        };
    return name.length() < 2 ? name + "-console" : name;
  }
}
