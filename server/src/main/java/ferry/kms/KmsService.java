package ferry.kms;

import ferry.authz.Authorizer;
import ferry.kms.store.AliasRepository;
import ferry.kms.store.GrantRepository;
import ferry.kms.store.KeyRepository;
import ferry.policy.PolicyParser;
import java.time.Clock;
import java.time.Duration;

/**
 * AWS Key Management Service in plain Java, one class per family of operations: {@link #keys()},
 * {@link #policies()}, {@link #aliases()}, {@link #cryptography()}, {@link #grants()}, {@link
 * #rotations()}. Every operation is authorized as the caller, with the key policy as the resource
 * policy and KMS's rule that the key policy must allow.
 *
 * @see <a href="https://docs.aws.amazon.com/kms/latest/APIReference/Welcome.html">KMS API</a>
 */
public final class KmsService {
  private static final Duration KEY_CACHE_TTL = Duration.ofSeconds(1);

  private final KmsKeys keys;
  private final KmsPolicies policies;
  private final KmsAliases aliases;
  private final KmsCryptography cryptography;
  private final KmsGrants grants;
  private final KmsRotations rotations;
  private final KmsTags tags;

  public KmsService(
      KeyRepository keys,
      AliasRepository aliases,
      GrantRepository grants,
      MasterKey masterKey,
      Authorizer authorizer,
      PolicyParser parser,
      Clock clock) {
    var cache = new KeyCache(keys, masterKey, KEY_CACHE_TTL.toNanos());
    var access = new KeyAccess(keys, aliases, grants, masterKey, cache, authorizer, parser, clock);
    this.keys = new KmsKeys(access);
    this.policies = new KmsPolicies(access);
    this.aliases = new KmsAliases(access);
    this.cryptography = new KmsCryptography(access);
    this.grants = new KmsGrants(access);
    this.rotations = new KmsRotations(access);
    this.tags = new KmsTags(access);
  }

  /** Keys and their lifecycle, and AWS managed keys. */
  public KmsKeys keys() {
    return keys;
  }

  public KmsPolicies policies() {
    return policies;
  }

  public KmsAliases aliases() {
    return aliases;
  }

  /** Encrypt, Decrypt, ReEncrypt, data keys and random bytes. */
  public KmsCryptography cryptography() {
    return cryptography;
  }

  public KmsGrants grants() {
    return grants;
  }

  public KmsTags tags() {
    return tags;
  }

  /** Automatic and on-demand rotation of key material. */
  public KmsRotations rotations() {
    return rotations;
  }
}
