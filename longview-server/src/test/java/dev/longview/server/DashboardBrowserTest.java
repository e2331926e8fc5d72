package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longview.core.Event;
import dev.longview.core.Item;
import dev.longview.core.User;
import dev.longview.importer.ImportRequest;
import dev.longview.importer.Importer;
import dev.longview.importer.ProgressListener;
import dev.longview.lab.shop.ShopConfig;
import dev.longview.lab.shop.ShopGenerator;
import dev.longview.lab.shop.ShopSink;
import dev.longview.store.StoreWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the real dashboard in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, never downloaded) against a real server on a random port over a real
 * SQLite store: logs in (a wrong key first), opens every page, checks that the numbers drawn in
 * the charts and tables are the API's, changes the interval, looks a user up and asks for
 * recommendations, and saves a full-page screenshot of each page under
 * {@code target/dashboard-screenshots/}.
 *
 * <p>Data: a synthetic shop from {@code longview-lab} (600 users, 120 days), or the real
 * online-retail file when {@code LONGVIEW_DASHBOARD_DATA=online-retail} and
 * {@code ../shared/data} has it (slower: used for the README's screenshot). Skipped, with the
 * reason, when Chromium or ChromeDriver is missing; CI sets {@code LONGVIEW_REQUIRE_BROWSER} so that
 * it fails instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
  static final String KEY = "dashboard-read-key-0123456789";
  static final Path SHOTS = Path.of("target", "dashboard-screenshots");

  Path dir;
  ServerFixture api;
  WebDriver driver;
  WebDriverWait wait;

  @BeforeAll
  void start() throws IOException {
    Optional<String> why = Browser.missing();
    if (why.isPresent() && System.getenv("LONGVIEW_REQUIRE_BROWSER") != null) {
      throw new IllegalStateException("LONGVIEW_REQUIRE_BROWSER is set but " + why.get());
    }
    Assumptions.assumeTrue(why.isEmpty(), () -> "dashboard browser tests skipped: " + why.get());
    dir = Files.createTempDirectory("longview-dashboard");
    Consumer<StoreWriter> seed = onlineRetail().<Consumer<StoreWriter>>map(path -> w ->
        Importer.run(ImportRequest.of("online-retail", path), w, ProgressListener.NONE))
        .orElse(DashboardBrowserTest::shop);
    Files.writeString(dir.resolve("lab.json"), """
        {"policies": {"myopic": {"d30Retention": {"mean": 0.41, "lo": 0.38, "hi": 0.44}},
                      "longview": {"d30Retention": {"mean": 0.47, "lo": 0.45, "hi": 0.49}}},
         "days": 20, "users": 300, "seeds": 3, "sensitivity": 1.0}
        """);
    api = ServerFixture.start(dir, ServerConfig.defaults().withApiKeys(List.of(
        new ApiKey("dashboard", KEY, Set.of(Scope.READ))))
        .withLabResults(dir.resolve("lab.json").toString()), seed);
    api.apiKey = KEY;
    driver = Browser.start(dir.resolve("chromium-profile"));
    wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (api != null) {
      api.close();
    }
  }

  static Optional<Path> onlineRetail() {
    if (!"online-retail".equals(System.getenv("LONGVIEW_DASHBOARD_DATA"))) {
      return Optional.empty();
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve("shared/data/online-retail/online_retail.csv.gz");
      if (Files.exists(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** A small deterministic shop: users with country and channel, 120 days of visits and orders. */
  static void shop(StoreWriter w) {
    ShopConfig config = ShopConfig.defaults().withUsers(600).withItems(200)
        .withPeriod(LocalDate.of(2025, 1, 1), 120, ZoneId.of("UTC"));
    new ShopGenerator(config).generate(new ShopSink() {
      @Override
      public void user(User user) {
        w.putUser(user);
      }

      @Override
      public void item(Item item) {
        w.putItem(item);
      }

      @Override
      public void event(Event event) {
        w.addEvent(event);
      }
    });
  }

  @Test
  @Order(1)
  void login_wrongKeyIsRefusedClearly_thenTheRightKeyOpensTheOverview() {
    driver.get(api.server.url() + "/ui");
    WebElement key = wait.until(d -> visible(d, "api-key"));
    assertThat(driver.findElement(By.id("page")).isDisplayed()).isFalse();
    key.sendKeys("not-the-key-0123456789");
    driver.findElement(By.id("login-submit")).click();
    WebElement error = wait.until(d -> visible(d, "login-error"));
    assertThat(error.getText()).contains("not accepted").contains("401");
    screenshot("login-wrong-key");
    driver.findElement(By.id("api-key")).clear();
    driver.findElement(By.id("api-key")).sendKeys(KEY);
    driver.findElement(By.id("login-submit")).click();
    awaitPage("overview");
    assertThat(driver.findElement(By.id("login")).isDisplayed()).isFalse();
  }

  @Test
  @Order(2)
  void overview_showsTheApisNumbers() {
    open("overview");
    JsonNode o = api.get("/api/v1/analytics/overview?interval=week").json();
    assertThat(kpi("users")).isEqualTo(o.at("/totals/users").asText());
    assertThat(kpi("events")).isEqualTo(o.at("/totals/events").asText());
    assertThat(kpi("active-in-range")).isEqualTo(o.at("/totals/activeUsersInRange").asText());
    assertThat(kpi("dau")).isEqualTo(o.at("/current/dau").asText());
    assertThat(kpi("wau")).isEqualTo(o.at("/current/wau").asText());
    assertThat(kpi("mau")).isEqualTo(o.at("/current/mau").asText());
    assertThat(marks("active-users", "MAU")).isEqualTo(column(o.get("daily"), "mau"));
    assertThat(marks("active-users", "DAU")).isEqualTo(column(o.get("daily"), "dau"));
    assertThat(marks("per-interval", "active users")).isEqualTo(column(o.get("perInterval"), "activeUsers"));
    assertThat(marks("events-by-type", "events")).isEqualTo(column(o.get("eventsByType"), "events"));
    assertThat(driver.findElement(By.id("from")).getAttribute("value"))
        .isEqualTo(o.at("/range/from").asText());
    screenshot("overview");
  }

  @Test
  @Order(3)
  void lifecycle_barsStatesAndFunnelAreTheApis_andFollowTheInterval() throws IOException {
    open("lifecycle");
    JsonNode week = api.get("/api/v1/analytics/lifecycle?interval=week").json();
    checkLifecycle(week);
    screenshot("lifecycle");
    afterRender(() -> new Select(driver.findElement(By.id("interval"))).selectByValue("month"));
    JsonNode month = api.get("/api/v1/analytics/lifecycle?interval=month").json();
    assertThat(month.get("periods").findValuesAsText("start")).allMatch(d -> d.endsWith("-01"));
    checkLifecycle(month);
    assertThat(driver.findElement(By.cssSelector("#panel-lifecycle h3")).getText()).contains("per month");
    // The table view and the CSV hold the same numbers as the chart.
    WebElement panel = driver.findElement(By.id("panel-lifecycle"));
    panel.findElement(By.cssSelector("button[data-action=table]")).click();
    List<WebElement> rows = panel.findElements(By.cssSelector(".table-box tr"));
    assertThat(rows).hasSize(month.get("periods").size() + 1);
    assertThat(rows.get(1).findElements(By.tagName("td")).get(4).getAttribute("data-value"))
        .isEqualTo(month.at("/periods/0/dormant").asText());
    // As JSON text: the driver would turn the CSV's CRLF line ends into LF.
    String csv = Json.MAPPER.readValue((String) ((JavascriptExecutor) driver).executeScript(
        "return JSON.stringify(Charts.csv(document.getElementById('panel-lifecycle').longviewTable));"),
        String.class);
    StringBuilder expected = new StringBuilder("start,new,returning,resurrecting,dormant\r\n");
    for (JsonNode p : month.get("periods")) {
      expected.append(p.get("start").asText()).append(',').append(p.get("new").asInt()).append(',')
          .append(p.get("returning").asInt()).append(',').append(p.get("resurrecting").asInt())
          .append(',').append(p.get("dormant").asInt()).append("\r\n");
    }
    assertThat(csv).isEqualTo(expected.toString());
    afterRender(() -> new Select(driver.findElement(By.id("split-by"))).selectByValue("country"));
    JsonNode split = api.get("/api/v1/analytics/lifecycle?interval=month&splitBy=country").json();
    assertThat(driver.findElements(By.cssSelector("[data-panel^=lifecycle-segment-]")))
        .hasSize(split.get("segments").size());
    assertThat(marks("lifecycle-segment-0", "new"))
        .isEqualTo(column(split.at("/segments/0/periods"), "new"));
    screenshot("lifecycle-by-country");
    afterRender(() -> new Select(driver.findElement(By.id("split-by"))).selectByValue(""));
    afterRender(() -> new Select(driver.findElement(By.id("interval"))).selectByValue("week"));
  }

  private void checkLifecycle(JsonNode l) {
    for (String s : List.of("new", "returning", "resurrecting", "dormant")) {
      assertThat(marks("lifecycle", s)).as(s).isEqualTo(column(l.get("periods"), s));
    }
    assertThat(marks("states", "users")).isEqualTo(column(l.get("states"), "users"));
    assertThat(marks("funnel", "reached")).isEqualTo(column(l.get("funnel"), "reached"));
  }

  @Test
  @Order(4)
  void retention_heatmapCurveAndCommerceAreTheApis() {
    open("retention");
    JsonNode r = api.get("/api/v1/analytics/retention?interval=week").json();
    List<String> cells = new ArrayList<>();
    for (JsonNode row : r.get("rows")) {
      for (int i = 0; i < r.get("columns").size(); i++) {
        cells.add(i < row.get("values").size() ? row.get("values").get(i).asText() : "");
      }
    }
    assertThat(values("#panel-retention-heatmap td.mark", null)).isEqualTo(normalise(cells));
    assertThat(marks("retention-curve", "retained")).isEqualTo(column(r.get("curve"), "value"));
    JsonNode c = api.get("/api/v1/analytics/commerce?interval=week").json();
    assertThat(kpi("orders")).isEqualTo(c.at("/total/orders").asText());
    assertThat(kpi("revenue")).isEqualTo(c.at("/total/revenue").asText());
    assertThat(kpi("repeat-rate")).isEqualTo(c.at("/total/repeatPurchaseRate").asText());
    assertThat(marks("orders", "orders")).isEqualTo(column(c.get("perInterval"), "orders"));
    screenshot("retention");
    afterRender(() -> new Select(driver.findElement(By.id("variant"))).selectByValue("unbounded"));
    JsonNode u = api.get("/api/v1/analytics/retention?interval=week&variant=unbounded").json();
    assertThat(marks("retention-curve", "retained")).isEqualTo(column(u.get("curve"), "value"));
    afterRender(() -> new Select(driver.findElement(By.id("variant"))).selectByValue("n-day"));
  }

  @Test
  @Order(5)
  void users_searchThenDetailWithStateChurnEventsAndRecommendations() {
    open("users");
    JsonNode top = api.get("/api/v1/analytics/users?limit=1").json();
    String id = top.at("/users/0/id").asText();
    WebElement q = driver.findElement(By.id("user-query"));
    q.sendKeys(id);
    afterRender(() -> driver.findElement(By.id("user-search-submit")).click());
    WebElement link = driver.findElement(By.cssSelector("a[data-user='" + id + "']"));
    afterRender(link::click);
    JsonNode u = api.get("/api/v1/analytics/users/" + id + "?interval=week").json();
    assertThat(driver.findElement(By.id("user-state")).getText())
        .isEqualTo("state: " + u.at("/lifecycle/state").asText());
    assertThat(driver.findElement(By.id("user-stage")).getText())
        .isEqualTo("stage: " + u.at("/lifecycle/stage").asText());
    List<WebElement> history = driver.findElements(By.cssSelector("#panel-stage-history .chart-box tr"));
    assertThat(history).hasSize(rowsWithHeader(u.at("/lifecycle/history").size()));
    List<WebElement> events = driver.findElements(By.cssSelector("#panel-recent-events .chart-box tr"));
    assertThat(events).hasSize(rowsWithHeader(u.get("recentEvents").size()));
    JsonNode rec = api.get("/api/v1/recommend/" + id + "?n=10").json();
    List<String> shownItems = driver.findElements(By.cssSelector("#panel-recommendations .chart-box tr td:first-child"))
        .stream().map(WebElement::getText).toList();
    assertThat(shownItems).isEqualTo(rec.get("items").findValuesAsText("itemId"));
    assertThat(driver.findElement(By.cssSelector("#panel-recommendations .chart-box")).getText())
        .contains(rec.at("/items/0/reasons/0").asText());
    screenshot("user");
    // Try a recommendation with a context: excluding the first item drops it.
    String first = rec.at("/items/0/itemId").asText();
    driver.findElement(By.id("try-exclude")).sendKeys(first);
    driver.findElement(By.id("try-submit")).click();
    WebElement via = wait.until(d -> visible(d, "try-via"));
    assertThat(via.getText()).contains("/api/v1/recommend");
    List<String> tried = driver.findElements(By.cssSelector("#try-result tr td:first-child"))
        .stream().map(WebElement::getText).toList();
    assertThat(tried).hasSize(5).doesNotContain(first);
    screenshot("user-try");
  }

  @Test
  @Order(6)
  void models_showTheServedBundle_andTheSavedLabComparison() {
    open("models");
    JsonNode m = api.get("/api/v1/analytics/models").json();
    assertThat(driver.findElement(By.cssSelector("#kv-model td[data-key=model]")).getText())
        .isEqualTo(m.at("/current/name").asText());
    assertThat(driver.findElement(By.cssSelector("#kv-model td[data-key=version]"))
        .getAttribute("data-value")).isEqualTo(m.at("/current/version").asText());
    assertThat(driver.findElement(By.cssSelector("#kv-model td[data-key=interactions]"))
        .getAttribute("data-value")).isEqualTo(m.at("/current/interactions").asText());
    assertThat(m.at("/lab/status").asText()).isEqualTo("ready");
    List<WebElement> lab = driver.findElements(By.cssSelector("#panel-lab .chart-box tr"));
    assertThat(lab).hasSize(3);
    assertThat(lab.get(0).getText()).isEqualTo("policy d30Retention");
    assertThat(lab.get(2).getText()).isEqualTo("longview 0.47 [0.45, 0.49]");
    assertThat((String) ((JavascriptExecutor) driver).executeScript(
        "return Charts.csv(document.getElementById('panel-lab').longviewTable);"))
        .contains("longview,d30Retention,0.47,0.45,0.49");
    screenshot("models");
  }

  @Test
  @Order(7)
  void signOut_hidesTheData() {
    open("overview");
    driver.findElement(By.id("logout")).click();
    wait.until(d -> visible(d, "api-key"));
    assertThat(driver.findElements(By.cssSelector("#page .kpi"))).isEmpty();
    driver.navigate().refresh();
    wait.until(d -> visible(d, "api-key"));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private void open(String page) {
    if (!"week".equals(new Select(driver.findElement(By.id("interval"))).getFirstSelectedOption()
        .getAttribute("value")) && driver.findElement(By.id("controls")).isDisplayed()) {
      afterRender(() -> new Select(driver.findElement(By.id("interval"))).selectByValue("week"));
    }
    driver.findElement(By.cssSelector("nav a[data-page=" + page + "]")).click();
    awaitPage(page);
  }

  private void awaitPage(String page) {
    wait.until(d -> page.equals(body(d, "page")) && "true".equals(body(d, "loaded")));
    assertThat(driver.findElements(By.id("page-error"))).as("page error").isEmpty();
  }

  /** Runs {@code action} and waits for the page render it starts to finish. */
  private void afterRender(Runnable action) {
    String before = body(driver, "renders");
    action.run();
    wait.until(d -> !before.equals(body(d, "renders")) && "true".equals(body(d, "loaded")));
    assertThat(driver.findElements(By.id("page-error"))).as("page error").isEmpty();
  }

  /** Rows of a table panel: none when it shows "no data", else a header and the rows. */
  private static int rowsWithHeader(int rows) {
    return rows == 0 ? 0 : rows + 1;
  }

  private static String body(WebDriver d, String key) {
    return String.valueOf(((JavascriptExecutor) d).executeScript(
        "return document.body.dataset['" + key + "'];"));
  }

  private static WebElement visible(WebDriver d, String id) {
    WebElement e = d.findElement(By.id(id));
    return e.isDisplayed() ? e : null;
  }

  private String kpi(String id) {
    return driver.findElement(By.id("kpi-" + id)).getAttribute("data-value");
  }

  /** The data-value of every mark of one series in a panel, in drawing order. */
  private List<String> marks(String panel, String series) {
    return values("#panel-" + panel + " .chart-box .mark", series);
  }

  /** data-value of the elements that {@code css} selects (of one series, when not null): one call. */
  @SuppressWarnings("unchecked")
  private List<String> values(String css, String series) {
    List<Object> out = (List<Object>) ((JavascriptExecutor) driver).executeScript(
        "return Array.from(document.querySelectorAll(arguments[0]))"
            + ".filter(e => arguments[1] === null || e.dataset.series === arguments[1])"
            + ".map(e => e.dataset.value);", css, series);
    return normalise(out.stream().map(String::valueOf).toList());
  }

  private static List<String> column(JsonNode rows, String field) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.get(field).asText()));
    return normalise(out);
  }

  /** Numbers as numbers (JSON "1.0" and JavaScript "1" are the same value). */
  private static List<String> normalise(List<String> values) {
    return values.stream().map(v -> {
      try {
        return v.isEmpty() ? v : new java.math.BigDecimal(v).stripTrailingZeros().toPlainString();
      } catch (NumberFormatException e) {
        return v;
      }
    }).toList();
  }

  private void screenshot(String name) {
    Object shot = ((ChromeDriver) driver).executeCdpCommand("Page.captureScreenshot",
        Map.of("format", "png", "captureBeyondViewport", true));
    @SuppressWarnings("unchecked")
    String data = (String) ((Map<String, Object>) shot).get("data");
    try {
      Files.write(SHOTS.resolve(name + ".png"), Base64.getDecoder().decode(data));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Finds Debian's chromium and chromedriver and starts a headless session that downloads nothing. */
  static final class Browser {
    private Browser() {}

    static Optional<Path> binary(String name, String... fixed) {
      for (String f : fixed) {
        Path p = Path.of(f);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
      for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path p = Path.of(d).resolve(name);
        if (!d.isEmpty() && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
      return Optional.empty();
    }

    static Optional<Path> chromium() {
      return binary("chromium", "/usr/bin/chromium")
          .or(() -> binary("chromium-browser", "/usr/bin/chromium-browser"));
    }

    static Optional<Path> chromedriver() {
      return binary("chromedriver", "/usr/bin/chromedriver");
    }

    /** Why the browser tests cannot run, or empty when they can. */
    static Optional<String> missing() {
      if (chromium().isEmpty()) {
        return Optional.of("no chromium binary (/usr/bin/chromium or on the PATH);"
            + " install Debian's packages: apt-get install chromium chromium-driver");
      }
      if (chromedriver().isEmpty()) {
        return Optional.of("no chromedriver binary (/usr/bin/chromedriver or on the PATH);"
            + " install Debian's package: apt-get install chromium-driver");
      }
      return Optional.empty();
    }

    static WebDriver start(Path profile) throws IOException {
      Files.createDirectories(profile);
      ChromeOptions options = new ChromeOptions();
      options.setBinary(chromium().orElseThrow().toFile());
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,1000",
          "--user-data-dir=" + profile.toAbsolutePath());
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(chromedriver().orElseThrow().toFile())
          .usingAnyFreePort()
          .build();
      return new ChromeDriver(service, options);
    }
  }
}
