package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.app.Ferry;
import ferry.app.FerryConfig;
import ferry.app.RootCredentials;
import ferry.cli.guide.GuideClients;
import ferry.cli.guide.GuideNames;
import ferry.cli.guide.GuideOutcome;
import ferry.cli.guide.GuideScenario;
import ferry.cli.guide.Narrator;
import ferry.http.DecisionClient;
import ferry.junit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * The console in Debian's headless Chromium, driven by Selenium: sign in as dev, play the guide
 * through the API, see what each account may see of the deployed site, and what a user without
 * permissions sees instead of data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir static Path work;
  static Ferry ferry;
  static SdkHttpClient http;
  static GuideClients dev;
  static GuideClients prod;
  static GuideOutcome.Deployed deployed;

  WebDriver browser;

  @BeforeAll
  static void startFerry() throws Exception {
    ferry =
        Ferry.start(TestDatabase.config(FerryConfig.defaults(work.resolve("data"))).withPort(0));
    http = Apache5HttpClient.builder().build();
    dev = new GuideClients(ferry.endpoint(), root("dev"), http);
    prod = new GuideClients(ferry.endpoint(), root("prod"), http);
  }

  @AfterAll
  static void stopFerry() throws Exception {
    dev.close();
    prod.close();
    http.close();
    ferry.close();
  }

  @BeforeEach
  void openBrowser() throws Exception {
    assertThat(CHROMIUM).as("Debian's chromium, installed by .ci/run").isExecutable();
    assertThat(CHROMEDRIVER).as("Debian's chromium-driver, installed by .ci/run").isExecutable();
    var options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,800",
        "--user-data-dir=" + Files.createTempDirectory(work, "chromium-"));
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void dev_signsIn_thePlayedGuidesBucketsAreListed_andProdsDeployedObjectIsDenied()
      throws Exception {
    signIn(ferry.root("dev"));
    assertThat(text("header")).contains("111111111111").contains("arn:aws:iam::111111111111:root");
    Cookie cookie = browser.manage().getCookieNamed("ferry-console");
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo("Strict");
    assertThat(cookie.getPath()).isEqualTo("/_ferry/console");
    assertThat((String) js().executeScript("return document.cookie"))
        .doesNotContain("ferry-console");

    GuideOutcome outcome =
        new GuideScenario(
                new GuideNames(ferry.root("dev").account(), ferry.root("prod").account()),
                dev,
                prod,
                new Narrator(new PrintStream(new ByteArrayOutputStream(), true), false),
                new DecisionClient(ferry.endpoint()),
                null)
            .play();
    assertThat(outcome).isInstanceOf(GuideOutcome.Deployed.class);
    deployed = (GuideOutcome.Deployed) outcome;

    open("/s3");
    assertThat(text("main"))
        .contains(GuideNames.INPUT_BUCKET)
        .contains(GuideNames.ARTIFACT_BUCKET)
        .doesNotContain(GuideNames.OUTPUT_BUCKET);
    open(objectPage(GuideNames.OUTPUT_BUCKET, deployedKey()));
    assertThat(browser.findElements(By.id("owner-account"))).isEmpty();
    assertThat(text("section.denied")).contains("Access denied").contains("s3:GetObject");
  }

  @Test
  @Order(2)
  void prod_readsThatItOwnsTheDeployedObject_andDoesNotSeeDevsBucketsOrPipeline() {
    assertThat(deployed).as("the guide was played").isNotNull();
    signIn(ferry.root("prod"));

    open("/pipelines");
    assertThat(browser.getTitle()).startsWith("Pipelines");
    assertThat(text("main")).doesNotContain(GuideNames.PIPELINE);
    open("/pipelines/" + GuideNames.PIPELINE);
    assertThat(text("main")).doesNotContain("Source").doesNotContain("Deploy");

    open("/s3");
    assertThat(text("main"))
        .contains(GuideNames.OUTPUT_BUCKET)
        .doesNotContain(GuideNames.INPUT_BUCKET)
        .doesNotContain(GuideNames.ARTIFACT_BUCKET);
    browser.findElement(By.linkText(GuideNames.OUTPUT_BUCKET)).click();
    assertThat(browser.getTitle()).startsWith(GuideNames.OUTPUT_BUCKET);

    open(objectPage(GuideNames.OUTPUT_BUCKET, deployedKey()));
    assertThat(text("#owner-account")).isEqualTo("222222222222");
    assertThat(text("#owner-canonical-id")).hasSize(64);
  }

  @Test
  @Order(3)
  void aUserWithoutPermissions_seesDenialPanels_notData() {
    dev.iam().createUser(b -> b.userName("console-nobody"));
    AccessKey key = dev.iam().createAccessKey(b -> b.userName("console-nobody")).accessKey();
    signIn(key.accessKeyId(), key.secretAccessKey());

    assertThat(text("header")).contains("arn:aws:iam::111111111111:user/console-nobody");
    assertThat(browser.findElements(By.cssSelector(".card.denied-card"))).hasSize(6);
    open("/s3");
    assertThat(text("section.denied")).contains("s3:ListAllMyBuckets");
    assertThat(text("main")).doesNotContain(GuideNames.INPUT_BUCKET);
    open("/iam");
    assertThat(browser.findElements(By.cssSelector("section.denied"))).hasSize(2);
    open("/kms");
    assertThat(text("section.denied")).contains("kms:ListKeys");
  }

  @Test
  @Order(4)
  void aFormPostedWithoutItsToken_isRefused_andTheSessionGoesOn() {
    signIn(ferry.root("dev"));

    Object status =
        js().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/_ferry/console/signout', {method: 'POST',"
                    + " headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                    + " body: 'nothing=1'}).then(r => done(r.status), e => done(String(e)));");

    assertThat(status).isEqualTo(403L);
    open("/");
    assertThat(text("h1")).isEqualTo("Account 111111111111");
    submit(browser.findElement(By.cssSelector("form[action$='/signout'] button")));
    assertThat(text("h1")).isEqualTo("Sign in");
  }

  @Test
  @Order(5)
  void aWrongKeyPair_isASignInError_andUnknownPagesAre404Pages() {
    RootCredentials root = ferry.root("dev");
    signIn(root.accessKeyId(), root.secretAccessKey() + "wrong");
    assertThat(text("#signin-error")).contains("not valid");

    signIn(root);
    open("/no-such-page");
    assertThat(text("h1")).isEqualTo("Page not found");
  }

  @Test
  @Order(6)
  void theOverviewFitsANarrowWindow() {
    signIn(ferry.root("dev"));
    browser.manage().window().setSize(new Dimension(400, 800));
    open("/");

    Number overflow =
        (Number)
            js().executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
    assertThat(browser.findElement(By.cssSelector("nav.sections")).isDisplayed()).isTrue();
  }

  private String deployedKey() {
    return deployed.objects().stream()
        .map(GuideOutcome.DeployedObject::key)
        .filter(k -> k.endsWith("index.html"))
        .findFirst()
        .orElseThrow();
  }

  private static String objectPage(String bucket, String key) {
    return "/s3/buckets/" + bucket + "/object?key=" + key;
  }

  private void signIn(RootCredentials root) {
    signIn(root.accessKeyId(), root.secretAccessKey());
  }

  private void signIn(String accessKeyId, String secret) {
    browser.manage().deleteAllCookies();
    open("/signin");
    browser.findElement(By.id("accessKeyId")).sendKeys(accessKeyId);
    browser.findElement(By.id("secretAccessKey")).sendKeys(secret);
    submit(browser.findElement(By.cssSelector("form button[type=submit]")));
  }

  /**
   * Clicks a form's button and waits for the page it leads to. While the old page is being
   * replaced, chromedriver may answer the staleness probe with an "unknown error" (the node no
   * longer belongs to the document) instead of a stale reference: that means the same, so the wait
   * polls again.
   */
  private void submit(WebElement button) {
    button.click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .ignoring(WebDriverException.class)
        .until(ExpectedConditions.stalenessOf(button));
  }

  private void open(String consolePath) {
    browser.get(ferry.endpoint() + "/_ferry/console" + consolePath);
  }

  private String text(String css) {
    WebElement element = browser.findElement(By.cssSelector(css));
    return element.getText();
  }

  private JavascriptExecutor js() {
    return (JavascriptExecutor) browser;
  }

  static StaticCredentialsProvider root(String account) {
    RootCredentials root = ferry.root(account);
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey()));
  }
}
