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
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/**
 * The console's pipeline page in a real headless Chromium: dev signs in, plays the guide, watches a
 * release run from In progress to Succeeded without a reload, then sees the run that a missing
 * grant fails and follows its link to the decision's missing grant. Measures the page's first paint
 * and how long the live update takes after the action finishes, and takes the README's screenshots.
 */
class ConsolePipelineBrowserIT {
  private static final String PIPELINE = "/_ferry/console/pipelines/" + GuideNames.PIPELINE;

  /**
   * Records, in the page, each change of the latest execution's status and of the Deploy action's,
   * with the browser's wall clock, so the test reads what the page showed and when.
   */
  private static final String WATCH =
      """
      window.ferryMarker = 'kept';
      window.seen = [];
      const note = () => {
        const latest = document.getElementById('latest-status');
        const deploy = document.querySelector('[data-action="Deploy"]');
        const entry = {
          latest: latest ? latest.dataset.status : null,
          deploy: deploy ? deploy.dataset.status : null,
          changed: deploy ? Number(deploy.dataset.lastChangeMs) : 0,
          at: performance.timeOrigin + performance.now()
        };
        const last = window.seen[window.seen.length - 1];
        if (!last || last.latest !== entry.latest || last.deploy !== entry.deploy) {
          window.seen.push(entry);
        }
      };
      note();
      new MutationObserver(note).observe(document.getElementById('live'), { childList: true, subtree: true });
      """;

  @Test
  void dev_watchesTheReleaseLive_andFollowsAFailedActionToItsDecision(@TempDir Path work)
      throws Exception {
    try (Ferry ferry =
            Ferry.start(
                TestDatabase.config(FerryConfig.defaults(work.resolve("data"))).withPort(0));
        SdkHttpClient http = Apache5HttpClient.builder().build();
        GuideClients dev = new GuideClients(ferry.endpoint(), root(ferry, "dev"), http);
        GuideClients prod = new GuideClients(ferry.endpoint(), root(ferry, "prod"), http)) {
      GuideNames names = new GuideNames(ferry.root("dev").account(), ferry.root("prod").account());
      GuideOutcome outcome =
          new GuideScenario(
                  names,
                  dev,
                  prod,
                  new Narrator(new PrintStream(new ByteArrayOutputStream(), true), false),
                  new DecisionClient(ferry.endpoint()),
                  null)
              .play();
      assertThat(outcome).isInstanceOf(GuideOutcome.Deployed.class);
      String base = ferry.endpoint().toString().replaceAll("/$", "");

      WebDriver browser = chromium(work.resolve("chromium-profile"));
      try {
        signIn(browser, base, ferry.root("dev"));

        // First paint of the pipeline page, measured by the browser: best of three loads, the
        // first one also warms the JIT of a Ferry that has just started.
        JavascriptExecutor js = (JavascriptExecutor) browser;
        double firstPaint = Double.MAX_VALUE;
        double served = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
          browser.get(base + PIPELINE);
          waitFor(browser, d -> "open".equals(live(d).getDomAttribute("data-streaming")));
          firstPaint =
              Math.min(
                  firstPaint,
                  number(
                      js.executeScript(
                          "const p = performance.getEntriesByName('first-contentful-paint')[0]"
                              + " || performance.getEntriesByType('paint')[0]; return p ? p.startTime : -1;")));
          served =
              Math.min(
                  served,
                  number(
                      js.executeScript(
                          "const n = performance.getEntriesByType('navigation')[0];"
                              + " return n.responseEnd - n.requestStart;")));
        }
        js.executeScript(WATCH);

        // A release through the API: the page shows it run without being reloaded.
        dev.codePipeline().startPipelineExecution(s -> s.name(GuideNames.PIPELINE));
        waitFor(
            browser,
            d ->
                seen(d).stream()
                    .anyMatch(e ->
                        "Succeeded".equals(e.get("latest"))
                            && "Succeeded".equals(e.get("deploy"))
                            && number(e.get("changed")) > 0
                            && seen(d).indexOf(e) > 0));
        List<Map<String, Object>> seen = seen(browser);
        assertThat(js.executeScript("return window.ferryMarker")).as("no reload").isEqualTo("kept");
        assertThat(seen.stream().map(e -> e.get("latest")).toList())
            .as("the latest execution's statuses as the page showed them")
            .contains("InProgress", "Succeeded");
        Map<String, Object> done =
            seen.stream()
                .filter(e -> "Succeeded".equals(e.get("latest")))
                .reduce((a, b) -> b)
                .orElseThrow();
        double update = number(done.get("at")) - number(done.get("changed"));

        // A grant goes missing: prod detaches outputbucketdeployaccess from prods3role.
        prod.iam()
            .detachRolePolicy(d ->
                d.roleName(GuideNames.PROD_ROLE)
                    .policyArn(names.policyArn(names.prod(), "outputbucketdeployaccess")));
        dev.codePipeline().startPipelineExecution(s -> s.name(GuideNames.PIPELINE));
        waitFor(
            browser,
            d ->
                "Failed".equals(status(d, "#latest-status"))
                    && "Failed".equals(status(d, "[data-action='Deploy']")));
        assertThat(js.executeScript("return window.ferryMarker")).as("no reload").isEqualTo("kept");
        String whyText =
            String.valueOf(
                js.executeScript(
                    "return document.querySelector(\"[data-action='Deploy'] a.decision-link\").textContent"));
        assertThat(whyText).startsWith("Why: decision d-");
        // The README's pictures show the whole pipeline: a taller window than the 1280×800 above.
        browser.manage().window().setSize(new Dimension(1280, 1000));
        screenshot(browser, "console-pipeline.png");
        for (int attempt = 0; ; attempt++) {
          try {
            browser.findElement(By.cssSelector("[data-action='Deploy'] a.decision-link")).click();
            break;
          } catch (StaleElementReferenceException replacedMeanwhile) {
            if (attempt == 5) {
              throw replacedMeanwhile;
            }
          }
        }
        waitFor(browser, d -> !d.findElements(By.id("missing-grant")).isEmpty());
        String missing = browser.findElement(By.id("missing-grant")).getText();
        assertThat(missing).contains("s3:PutObject").contains(GuideNames.OUTPUT_BUCKET);
        assertThat(browser.findElement(By.tagName("body")).getText())
            .contains("Policies evaluated")
            .contains(GuideNames.PROD_ROLE);
        screenshot(browser, "console-decision.png");

        System.out.printf(
            "Console pipeline page: first contentful paint %.0f ms, document served in %.0f ms;"
                + " live update %.0f ms after the Deploy action finished%n",
            firstPaint, served, update);
        assertThat(firstPaint).as("first paint, ms").isLessThan(1500);
        assertThat(update).as("live update after the action finished, ms").isLessThan(1500);
      } finally {
        browser.quit();
      }
    }
  }

  /** An element's data-status, read in the page, since live updates replace the elements. */
  private static @Nullable String status(WebDriver browser, String selector) {
    Object status =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.dataset.status : null;",
                selector);
    return status == null ? null : status.toString();
  }

  private static WebElement live(WebDriver browser) {
    return browser.findElement(By.id("live"));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> seen(WebDriver browser) {
    return (List<Map<String, Object>>)
        ((JavascriptExecutor) browser).executeScript("return window.seen || []");
  }

  private static double number(Object value) {
    return value == null ? 0 : ((Number) value).doubleValue();
  }

  private static void waitFor(
      WebDriver browser, java.util.function.Function<WebDriver, Boolean> condition) {
    new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(20))
        .until(condition::apply);
  }

  private static void signIn(WebDriver browser, String base, RootCredentials root) {
    browser.get(base + "/_ferry/console/signin");
    browser.findElement(By.id("accessKeyId")).sendKeys(root.accessKeyId());
    browser.findElement(By.id("secretAccessKey")).sendKeys(root.secretAccessKey());
    browser
        .findElement(By.cssSelector("form button[type='submit'], form input[type='submit']"))
        .click();
    waitFor(browser, d -> d.getPageSource().contains("Account " + root.account()));
  }

  static WebDriver chromium(Path profile) {
    var options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,800",
        "--user-data-dir=" + profile.toAbsolutePath());
    // The driver by its path: Selenium Manager must not look for one on the network.
    System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    return new ChromeDriver(options);
  }

  /**
   * Saves a screenshot in target/screenshots, or over the README's pictures in docs with {@code
   * -Dferry.docs.screenshots=true}: a test run leaves the checkout as it found it.
   */
  private static void screenshot(WebDriver browser, String name) throws Exception {
    Path shot =
        ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Path folder =
        Boolean.getBoolean("ferry.docs.screenshots")
            ? GuideWithCli.repository().resolve("docs")
            : Path.of("target", "screenshots");
    Files.createDirectories(folder);
    Files.copy(shot, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  static StaticCredentialsProvider root(Ferry ferry, String account) {
    RootCredentials root = ferry.root(account);
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey()));
  }
}
