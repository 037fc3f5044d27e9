package ferry.ssm;

import ferry.authz.Authorizer;
import ferry.kms.KmsService;
import ferry.ssm.store.ParameterRepository;
import java.time.Clock;

/**
 * AWS Systems Manager Parameter Store: parameters and their tags. Every operation is authorized as
 * the caller; SecureStrings are encrypted by KMS as the caller.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-parameter-store.html">Parameter
 *     Store</a>
 */
public final class SsmService {
  private final Parameters parameters;
  private final ParameterTags tags;

  public SsmService(
      ParameterRepository repository, KmsService kms, Authorizer authorizer, Clock clock) {
    var access = new SsmAccess(repository, authorizer, kms, clock);
    this.parameters = new Parameters(access);
    this.tags = new ParameterTags(access);
  }

  public Parameters parameters() {
    return parameters;
  }

  public ParameterTags tags() {
    return tags;
  }
}
