package io.akscompute.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser (Debian's Chromium, headless, driven by its chromedriver) against the whole
 * suite: a person signs in at the suite's sign-in, creates a cluster after fixing what preflight refused, scales it
 * from 1 to 2 nodes while the steps show up, attaches and detaches a cluster, and deletes the one created; a reader
 * sees only her workspace and no button she may not use; the compute list goes page by page. The compute list's
 * screenshot is kept in target/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String WS = "web";

    static Suite suite;
    static WebDriver browser;
    static Path profile;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver; .ci/run installs them)");
        }
        suite = TestSuites.startWithConsole("console");
        profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        // The suite's certificates come from its own CA, which this throwaway profile does not know.
        options.setAcceptInsecureCerts(true);
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        TestSuites.stop(null, suite);
    }

    @Test
    @Order(1)
    void signInThenCreateWithAPreflightRefusalFixedInTheForm() throws Exception {
        signIn(LocalSecrets.CONSOLE_ADMIN);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Workspaces");
        browser.findElement(By.id("workspace")).sendKeys(WS);
        follow(By.id("open-workspace"));
        assertThat(text("workspace-name")).isEqualTo(WS);

        follow(By.id("new-compute"));
        assertEveryControlLabelled();
        browser.findElement(By.id("computeName")).sendKeys("web-dev");
        browser.findElement(By.id("location")).sendKeys("westus");
        new Select(browser.findElement(By.id("clusterPurpose"))).selectByValue("FastProd");
        browser.findElement(By.id("agentCount")).sendKeys("1");
        browser.findElement(By.id("aksNetworkingConfiguration.vnetName")).sendKeys("half-a-network");
        follow(By.id("submit"));

        // Both problems at once, each beside its field; what was typed is still there.
        assertThat(text("agentCount-problems")).contains("production");
        assertThat(text("aksNetworkingConfiguration-problems")).contains("all six fields or none");
        assertThat(browser.findElement(By.id("agentCount")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("computeName")).getAttribute("value")).isEqualTo("web-dev");

        new Select(browser.findElement(By.id("clusterPurpose"))).selectByValue("DevTest");
        browser.findElement(By.id("aksNetworkingConfiguration.vnetName")).clear();
        follow(By.id("submit"));

        List<String> steps = awaitOutcome("Succeeded");
        assertThat(steps).anyMatch(l -> l.contains("Accepted")).anyMatch(l -> l.contains("step "))
                .anyMatch(l -> l.contains("Succeeded"));
        follow(By.id("back-to-compute"));
        assertThat(text("state")).isEqualTo("Succeeded");
        assertThat(text("nodes")).startsWith("1 ×");
        assertThat(browser.findElements(By.id("delete"))).as("a created compute can be deleted").hasSize(1);
    }

    @Test
    @Order(2)
    void scaleFromOneToTwoNodesByKeyboardWithTheProgressVisible() {
        browser.get(console("/workspaces/" + WS + "/computes/web-dev"));
        follow(By.id("scale"));
        // Keyboard only: Tab to the field, type, Enter submits.
        browser.findElement(By.tagName("body")).click();
        boolean reached = false;
        for (int i = 0; i < 30 && !reached; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            reached = "agentCount".equals(browser.switchTo().activeElement().getAttribute("id"));
        }
        assertThat(reached).as("the node count is reachable with Tab").isTrue();
        WebElement scaleForm = browser.findElement(By.tagName("html"));
        new Actions(browser).sendKeys("2").sendKeys(Keys.ENTER).perform();
        awaitNextPage(scaleForm);

        // The page follows the operation live: a step line shows before the outcome does.
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.findElements(By.cssSelector("#progress li"))
                .stream().anyMatch(li -> li.getText().contains("step ")));
        List<String> steps = awaitOutcome("Succeeded");
        assertThat(steps).anyMatch(l -> l.contains("ScaleCluster") || l.contains("step "));
        follow(By.id("back-to-compute"));
        assertThat(text("nodes")).startsWith("2 ×");
    }

    @Test
    @Order(3)
    void attachAnExistingClusterThenTheListShowsBoth() throws Exception {
        browser.get(console("/workspaces/" + WS));
        follow(By.id("attach-compute"));
        assertEveryControlLabelled();
        browser.findElement(By.id("computeName")).sendKeys("web-prod");
        browser.findElement(By.id("resourceGroup")).sendKeys(AzureEmulatorProcess.PROD_RG);
        browser.findElement(By.id("clusterName")).sendKeys(AzureEmulatorProcess.PROD_CLUSTER);
        follow(By.id("submit"));
        awaitOutcome("Succeeded");

        // The suite's console lists a compute per page: the list goes on by its links, in name order.
        browser.get(console("/workspaces/" + WS));
        assertThat(browser.findElement(By.id("compute-web-dev")).getText()).contains("Succeeded").contains("DevTest");
        assertThat(browser.findElements(By.id("compute-web-prod"))).isEmpty();
        assertThat(browser.findElements(By.id("first-page"))).isEmpty();
        follow(By.id("next-page"));
        assertThat(browser.findElement(By.id("compute-web-prod")).getText()).contains("attached");
        assertThat(browser.findElements(By.id("compute-web-dev"))).isEmpty();
        assertThat(browser.findElements(By.id("next-page"))).as("the last page").isEmpty();
        follow(By.id("first-page"));
        assertThat(browser.findElements(By.id("compute-web-dev"))).hasSize(1);
        long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(overflow).as("no horizontal scrolling at 1280 px").isLessThanOrEqualTo(0);
        Path shot = TestSuites.REPO.resolve("deploy/launcher/target/console-screenshots/computes.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // A refusal shows its details: a cluster on a version Azure ML no longer supports.
        browser.get(console("/workspaces/" + WS + "/attach"));
        browser.findElement(By.id("computeName")).sendKeys("web-old");
        browser.findElement(By.id("resourceGroup")).sendKeys(AzureEmulatorProcess.PROD_RG);
        browser.findElement(By.id("clusterName")).sendKeys(AzureEmulatorProcess.OLD_CLUSTER);
        follow(By.id("submit"));
        List<String> refused = awaitOutcome("Failed");
        assertThat(String.join("\n", refused)).contains("1.27.9").contains("undone:");

        browser.get(console("/workspaces/" + WS));
        follow(By.id("next-page"));
        follow(By.linkText("web-prod"));
        assertThat(browser.findElements(By.id("delete"))).as("an attached compute is detached, not deleted")
                .isEmpty();
        assertThat(browser.findElements(By.id("scale"))).as("nor scaled: akscompute did not create it").isEmpty();
    }

    @Test
    @Order(4)
    void updateReattachAndDetachTheAttachedOneThenDeleteTheCreatedOne() {
        browser.get(console("/workspaces/" + WS + "/computes/web-prod"));
        follow(By.id("update"));
        assertEveryControlLabelled();
        new Select(browser.findElement(By.id("loadBalancerType"))).selectByValue("InternalLoadBalancer");
        browser.findElement(By.id("loadBalancerSubnet")).sendKeys("aks-subnet");
        follow(By.id("submit"));
        awaitOutcome("Succeeded");
        follow(By.id("back-to-compute"));
        assertThat(browser.findElement(By.className("facts")).getText()).contains("InternalLoadBalancer (aks-subnet)");

        follow(By.id("reattach"));
        follow(By.id("submit"));
        awaitOutcome("Succeeded");

        browser.get(console("/workspaces/" + WS + "/computes/web-prod"));
        assertThat(browser.findElement(By.id("operations")).getText()).contains("ReattachCluster")
                .contains("UpdateCluster").contains("AttachCluster");
        follow(By.id("detach"));
        follow(By.id("submit"));
        awaitOutcome("Succeeded");

        browser.get(console("/workspaces/" + WS + "/computes/web-dev"));
        follow(By.id("delete"));
        follow(By.id("submit"));
        awaitOutcome("Succeeded");

        browser.get(console("/workspaces/" + WS));
        assertThat(browser.findElements(By.id("no-computes"))).hasSize(1);
    }

    @Test
    @Order(5)
    void anOperationStartedElsewhereIsShownStepByStepFromItsServiceAndTheVersionTableToo() throws Exception {
        java.util.UUID id;
        try (var client = TestSuites.client(suite)) {
            var op = client.workspace(WS).detach("never-there");
            op.outcome().get(60, java.util.concurrent.TimeUnit.SECONDS);
            id = op.id();
        }
        browser.get(console("/operations/" + id));
        assertThat(text("outcome")).isEqualTo("FAILED");
        assertThat(browser.findElement(By.id("steps")).getText()).contains("find-compute").contains("FAILED");
        assertThat(text("progress")).contains("ComputeNotFound");

        browser.get(console("/versions"));
        browser.findElement(By.id("location")).clear();
        browser.findElement(By.id("location")).sendKeys("eastus");
        follow(By.id("show-versions"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Kubernetes versions in eastus");
        assertThat(browser.findElement(By.id("versions")).getText())
                .contains(text("default-version") + " (default)");
    }

    @Test
    @Order(6)
    void aReaderSeesHerWorkspaceOnlyAndNoButtonSheMayNotUse() {
        browser.get(console("/sign-out"));
        signIn(LocalSecrets.CONSOLE_READER);
        assertThat(text("signed-in-user")).isEqualTo(LocalSecrets.CONSOLE_READER);
        assertThat(browser.findElements(By.cssSelector("ul.workspaces a"))).extracting(WebElement::getText)
                .containsExactly("demo");
        assertThat(browser.findElements(By.id("workspace"))).as("no field to open any workspace").isEmpty();

        browser.get(console("/workspaces/demo"));
        assertThat(text("workspace-name")).isEqualTo("demo");
        assertThat(browser.findElements(By.id("new-compute"))).isEmpty();
        assertThat(browser.findElements(By.id("attach-compute"))).isEmpty();

        browser.get(console("/workspaces/" + WS));
        assertThat(text("problem")).contains("no role in the workspace " + WS);
        browser.get(console("/workspaces/demo/create"));
        assertThat(text("problem")).contains("operator role");
    }

    private static void signIn(String user) {
        browser.get(console("/"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.titleContains("Sign in"));
        assertEveryControlLabelled();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password(user));
        follow(By.id("sign-in"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(console("/")));
    }

    /**
     * Clicks a link or button that loads another page, and waits until the page it was on is gone: a click on a
     * form's submit button returns before the browser has the next page.
     */
    private static void follow(By what) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(what).click();
        awaitNextPage(page);
    }

    private static void awaitNextPage(WebElement previous) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.and(
                d -> gone(previous), d -> "complete".equals(
                        ((JavascriptExecutor) d).executeScript("return document.readyState"))));
    }

    /**
     * Whether the element's page has been replaced. Chrome answers a probe of it with "stale element", or, while the
     * next document replaces the old one, "Node with given id does not belong to the document": gone either way.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    private static String password(String user) {
        try {
            return Files.readString(suite.secrets().consolePasswordFile(user)).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits on the operation page until the outcome shows; answers the progress lines. */
    private static List<String> awaitOutcome(String expected) {
        WebElement outcome = new WebDriverWait(browser, Duration.ofSeconds(240)).until(
                ExpectedConditions.visibilityOfElementLocated(By.id("outcome")));
        List<String> lines = browser.findElements(By.cssSelector("#progress li")).stream().map(WebElement::getText)
                .toList();
        assertThat(outcome.getText()).as("outcome; progress: %s", lines).isEqualTo(expected);
        return lines;
    }

    /** Every field of the page has a label a screen reader announces. */
    private static void assertEveryControlLabelled() {
        Object unlabelled = ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
                        + ".filter(e => !e.id || !document.querySelector('label[for=\"' + CSS.escape(e.id) + '\"]'))"
                        + ".map(e => e.name);");
        assertThat((List<?>) unlabelled).as("form controls without a label").isEmpty();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static String console(String path) {
        return suite.console().url() + path;
    }

}
