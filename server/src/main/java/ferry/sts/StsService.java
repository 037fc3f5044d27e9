package ferry.sts;

import ferry.aws.Caller;

/** AWS Security Token Service: who is calling, and (later) temporary credentials for roles. */
public final class StsService {

  /**
   * Who the caller is. Like AWS, this needs no permission: it answers even when every policy
   * denies.
   *
   * @see <a
   *     href="https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html">GetCallerIdentity</a>
   */
  public CallerIdentity getCallerIdentity(Caller caller) {
    return new CallerIdentity(
        caller.account().value(), caller.principal().arn(), caller.principal().userId());
  }
}
