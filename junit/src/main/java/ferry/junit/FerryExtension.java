package ferry.junit;

import ferry.app.AccountConfig;
import ferry.app.FerryConfig;
import ferry.aws.AccountId;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Starts Ferry in-process for a test class (or once for the run, {@link Builder#shared()}), and
 * injects, as parameters or into fields marked {@link Account @Account} or {@link
 * AssumedRole @AssumedRole}: the {@link LocalFerry}, its endpoint {@link URI}, an account's or a
 * role session's {@link AwsCredentialsProvider}, {@link AwsClients} and AWS SDK v2 clients ({@code
 * S3Client}, {@code StsClient}, {@code KmsClient}, {@code IamClient}, {@code CodePipelineClient},
 * {@code EventBridgeClient}).
 *
 * <pre>
 * &#64;RegisterExtension
 * static final FerryExtension ferry = FerryExtension.builder().build();
 * …
 * ferry.account("dev").s3().createBucket(b -&gt; b.bucket("artifacts"));
 * </pre>
 *
 * Or annotate the class with {@link Ferry @Ferry}. A per-class Ferry stops, and its data folder is
 * deleted, after the class's tests; a shared one when the run ends. Each test class that runs in
 * parallel with others has its own Ferry unless it asks for the shared one.
 */
public final class FerryExtension
    implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FerryExtension.class);

  /** What to start: the accounts, and whether the run shares one Ferry. */
  private record Settings(List<AccountConfig> accounts, boolean shared) {}

  private final @Nullable Settings settings;
  private volatile @Nullable LocalFerry started;

  /** For {@link Ferry @Ferry}: the settings come from the annotation. */
  public FerryExtension() {
    this.settings = null;
  }

  private FerryExtension(Settings settings) {
    this.settings = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The settings of a {@link FerryExtension}. */
  public static final class Builder {
    private final List<AccountConfig> accounts = new ArrayList<>();
    private boolean shared;

    private Builder() {}

    /** Adds an account; without any, Ferry's defaults dev (111111111111) and prod (2222…). */
    public Builder account(String name, String id) {
      accounts.add(new AccountConfig(name, AccountId.of(id), null, null));
      return this;
    }

    /** One Ferry for every class of the run with the same accounts, stopped when the run ends. */
    public Builder shared() {
      this.shared = true;
      return this;
    }

    public FerryExtension build() {
      return new FerryExtension(
          new Settings(
              accounts.isEmpty() ? FerryConfig.DEFAULT_ACCOUNTS : List.copyOf(accounts), shared));
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    LocalFerry ferry = ferry(context);
    for (Field field : injectedFields(context.getRequiredTestClass(), true)) {
      field.set(null, resolve(field.getType(), field, ferry));
    }
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context)
      throws Exception {
    LocalFerry ferry = ferry(context);
    for (Field field : injectedFields(testInstance.getClass(), false)) {
      field.set(testInstance, resolve(field.getType(), field, ferry));
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalFerry.class || type == URI.class || injects(type);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return resolve(parameter.getParameter().getType(), parameter.getParameter(), ferry(context));
  }

  /** The Ferry this extension started for the running class: for {@code @RegisterExtension}. */
  public LocalFerry ferry() {
    return Objects.requireNonNull(started, "Ferry starts before the test class's @BeforeAll");
  }

  public URI endpoint() {
    return ferry().endpoint();
  }

  /** Clients as the account's root. */
  public AwsClients account(String account) {
    return ferry().account(account);
  }

  /** Clients of a new session of the role: {@link LocalFerry#assumeRole}. */
  public AwsClients assumeRole(String account, String role) {
    return ferry().assumeRole(account, role);
  }

  public AwsCredentialsProvider credentials(String account) {
    return ferry().credentials(account);
  }

  /** Asserts that Ferry denied the call, and returns the denial with its explanation. */
  public Denial assertDenied(org.junit.jupiter.api.function.Executable call) {
    return ferry().assertDenied(call);
  }

  /**
   * The Ferry of this class: found in an enclosing class's or the run's store, else started. The
   * store closes it when its context ends: the class's, or the run's for a shared one.
   */
  private LocalFerry ferry(ExtensionContext context) {
    Settings wanted = settings != null ? settings : annotated(context.getRequiredTestClass());
    ExtensionContext owner = wanted.shared() ? context.getRoot() : classContext(context);
    LocalFerry ferry =
        owner.getStore(NAMESPACE).computeIfAbsent(wanted, FerryExtension::start, LocalFerry.class);
    started = ferry;
    return ferry;
  }

  private static LocalFerry start(Settings settings) {
    try {
      return LocalFerry.start(settings.accounts());
    } catch (Exception e) {
      throw new ExtensionConfigurationException("Ferry did not start: " + e.getMessage(), e);
    }
  }

  /** The outermost class context up to the root, so a {@code @Nested} class shares its Ferry. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext outer = context;
    while (outer.getParent().isPresent() && outer.getParent().get().getParent().isPresent()) {
      outer = outer.getParent().get();
    }
    return outer;
  }

  private static Settings annotated(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      var ferry = AnnotationSupport.findAnnotation(c, Ferry.class);
      if (ferry.isPresent()) {
        return settings(ferry.get(), c);
      }
    }
    return new Settings(FerryConfig.DEFAULT_ACCOUNTS, false);
  }

  private static Settings settings(Ferry annotation, Class<?> on) {
    List<AccountConfig> accounts = new ArrayList<>();
    for (String account : annotation.accounts()) {
      int equals = account.indexOf('=');
      if (equals < 1) {
        throw new ExtensionConfigurationException(
            "@Ferry on " + on.getName() + ": an account is name=id, not " + account);
      }
      try {
        accounts.add(
            new AccountConfig(
                account.substring(0, equals).trim(),
                AccountId.of(account.substring(equals + 1).trim()),
                null,
                null));
      } catch (IllegalArgumentException e) {
        throw new ExtensionConfigurationException(
            "@Ferry on " + on.getName() + ": " + e.getMessage(), e);
      }
    }
    return new Settings(
        accounts.isEmpty() ? FerryConfig.DEFAULT_ACCOUNTS : accounts, annotation.shared());
  }

  private static List<Field> injectedFields(Class<?> testClass, boolean isStatic) {
    List<Field> fields =
        AnnotationSupport.findAnnotatedFields(
            testClass,
            Account.class,
            field -> Modifier.isStatic(field.getModifiers()) == isStatic,
            HierarchyTraversalMode.TOP_DOWN);
    List<Field> roles =
        AnnotationSupport.findAnnotatedFields(
            testClass,
            AssumedRole.class,
            field -> Modifier.isStatic(field.getModifiers()) == isStatic,
            HierarchyTraversalMode.TOP_DOWN);
    List<Field> all = new ArrayList<>(fields);
    all.addAll(roles);
    for (Field field : all) {
      if (Modifier.isFinal(field.getModifiers()) || !injects(field.getType())) {
        throw new ExtensionConfigurationException(
            "Ferry cannot inject "
                + field
                + ": it must be a non-final AwsClients, AwsCredentialsProvider or AWS SDK client");
      }
      field.setAccessible(true);
    }
    return all;
  }

  private static boolean injects(Class<?> type) {
    return type == AwsClients.class
        || type == AwsCredentialsProvider.class
        || AwsClients.isClient(type);
  }

  /** The value for a parameter or field of this type, by its {@code @Account} or role. */
  private static Object resolve(Class<?> type, AnnotatedElement element, LocalFerry ferry) {
    if (type == LocalFerry.class) {
      return ferry;
    }
    if (type == URI.class) {
      return ferry.endpoint();
    }
    AssumedRole role = element.getAnnotation(AssumedRole.class);
    Account account = element.getAnnotation(Account.class);
    AwsClients clients =
        role != null
            ? ferry.assumeRole(role.account(), role.role())
            : ferry.account(account != null ? account.value() : ferry.accountNames().getFirst());
    if (type == AwsClients.class) {
      return clients;
    }
    if (type == AwsCredentialsProvider.class) {
      return clients.credentials();
    }
    return clients.client(type);
  }
}
