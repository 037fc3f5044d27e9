package ferry.bench;

import ferry.authz.Authorizer;
import ferry.authz.DecisionLog;
import ferry.authz.PrincipalPolicies;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.kms.CreateKeyRequest;
import ferry.kms.DecryptRequest;
import ferry.kms.EncryptRequest;
import ferry.kms.KmsService;
import ferry.kms.MasterKey;
import ferry.kms.store.AliasRepository;
import ferry.kms.store.GrantRepository;
import ferry.kms.store.KeyRepository;
import ferry.policy.PolicyParser;
import ferry.store.Database;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encrypt then Decrypt of 4 KiB with an encryption context, per second on one thread: through
 * {@code KmsService} (key lookup, authorization with the key policy and the decision log,
 * ciphertext format) as the key's own account and as prod across accounts with the guide's key
 * policy, against raw JDK AES-256-GCM on the same bytes in the same run. JMH measures wall-clock
 * time, which other processes on shared cores distort; {@link #main} measures the same round trips
 * per second of this thread's CPU time: {@code java -cp bench/target/benchmarks.jar
 * ferry.bench.KmsBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KmsBenchmark {
  private static final AccountId DEV = AccountId.of("111111111111");
  private static final AccountId PROD = AccountId.of("222222222222");
  private static final Map<String, String> CONTEXT = Map.of("aws:s3:arn", "arn:aws:s3:::b/k");
  private static final String GUIDE_POLICY =
      """
      {"Version":"2012-10-17","Id":"key-consolepolicy-3","Statement":[
        {"Sid":"Enable IAM User Permissions","Effect":"Allow",
         "Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:*","Resource":"*"},
        {"Sid":"Allow use of the key","Effect":"Allow",
         "Principal":{"AWS":["arn:aws:iam::222222222222:root"]},
         "Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*",
                   "kms:DescribeKey"],"Resource":"*"}]}\
      """;

  private final SecureRandom random = new SecureRandom();
  private final byte[] data = new byte[4096];
  private Path dataDir = Path.of("");
  private Database db;
  private KmsService kms;
  private Caller dev;
  private Caller prod;
  private String keyArn = "";
  private SecretKey rawKey;
  private byte[] aad = new byte[0];

  @Setup
  public void setUp() throws IOException {
    random.nextBytes(data);
    dataDir = Files.createTempDirectory("kms-bench");
    db = Database.openSqlite(dataDir);
    Clock clock = Clock.systemUTC();
    var parser = new PolicyParser();
    var authorizer =
        new Authorizer(principal -> PrincipalPolicies.none(), parser, new DecisionLog(), clock);
    kms =
        new KmsService(
            new KeyRepository(db),
            new AliasRepository(db),
            new GrantRepository(db),
            MasterKey.openOrCreate(dataDir),
            authorizer,
            parser,
            clock);
    dev = Caller.of(new Principal.AccountRoot(DEV), Region.US_EAST_1, Instant.now());
    prod = Caller.of(new Principal.AccountRoot(PROD), Region.US_EAST_1, Instant.now());
    keyArn =
        kms.keys()
            .createKey(dev, CreateKeyRequest.symmetric("bench").withPolicy(GUIDE_POLICY))
            .key()
            .arn();
    byte[] keyBytes = new byte[32];
    random.nextBytes(keyBytes);
    rawKey = new SecretKeySpec(keyBytes, "AES");
    aad = "aws:s3:arn=arn:aws:s3:::b/k".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @TearDown
  public void tearDown() throws IOException {
    db.close();
    DataFolders.delete(dataDir);
  }

  @Benchmark
  public byte[] kmsServiceSameAccount() {
    return roundTrip(dev);
  }

  @Benchmark
  public byte[] kmsServiceCrossAccount() {
    return roundTrip(prod);
  }

  /** One authorized call without cryptography: where the service's own overhead goes. */
  @Benchmark
  public Object kmsServiceDescribeKey() {
    return kms.keys().describeKey(dev, keyArn);
  }

  private byte[] roundTrip(Caller caller) {
    byte[] blob =
        kms.cryptography()
            .encrypt(caller, new EncryptRequest(keyArn, data, CONTEXT))
            .ciphertextBlob();
    return kms.cryptography().decrypt(caller, new DecryptRequest(blob, CONTEXT, null)).plaintext();
  }

  /** Round trips per second of one thread's CPU time, best of eight one-second rounds. */
  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    KmsBenchmark bench = new KmsBenchmark();
    bench.setUp();
    try {
      Map<String, Callable<byte[]>> variants = new LinkedHashMap<>();
      variants.put("rawJdkAesGcm", bench::rawJdkAesGcm);
      variants.put("kmsServiceSameAccount", bench::kmsServiceSameAccount);
      variants.put("kmsServiceCrossAccount", bench::kmsServiceCrossAccount);
      Map<String, Double> rates = new LinkedHashMap<>();
      long sink = 0;
      for (Map.Entry<String, Callable<byte[]>> variant : variants.entrySet()) {
        double best = 0;
        for (int round = 0; round < 8; round++) {
          long count = 0;
          long start = threads.getCurrentThreadCpuTime();
          long end = start;
          while (end - start < 1_000_000_000L) {
            for (int i = 0; i < 100; i++) {
              sink += variant.getValue().call().length;
            }
            count += 100;
            end = threads.getCurrentThreadCpuTime();
          }
          best = Math.max(best, count * 1e9 / (end - start));
        }
        rates.put(variant.getKey(), best);
      }
      double raw = rates.get("rawJdkAesGcm");
      rates.forEach((name, rate) ->
          System.out.printf(
              Locale.ROOT,
              "%-24s %10.0f round trips per CPU-second  (%5.1f%% of raw)%n",
              name,
              rate,
              100 * rate / raw));
      if (sink == 42) {
        System.out.println();
      }
    } finally {
      bench.tearDown();
    }
  }

  @Benchmark
  public byte[] rawJdkAesGcm() throws GeneralSecurityException {
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding");
    encrypt.init(Cipher.ENCRYPT_MODE, rawKey, new GCMParameterSpec(128, iv));
    encrypt.updateAAD(aad);
    byte[] sealed = encrypt.doFinal(data);
    Cipher decrypt = Cipher.getInstance("AES/GCM/NoPadding");
    decrypt.init(Cipher.DECRYPT_MODE, rawKey, new GCMParameterSpec(128, iv));
    decrypt.updateAAD(aad);
    return decrypt.doFinal(sealed);
  }
}
