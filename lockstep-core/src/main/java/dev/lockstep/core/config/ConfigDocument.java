package dev.lockstep.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployment config exactly as written, before defaults and checks. Field names here are the
 * YAML keys users type; {@link ConfigValidator} turns this into a {@link DeploymentConfig}.
 */
record ConfigDocument(
    String environment,
    String stateDir,
    String releases,
    Database database,
    Migrations migrations,
    Target target,
    LinkedHashMap<String, Service> services,
    List<Check> checks,
    List<Store> stores,
    Backup backup,
    Rehearsal rehearsal,
    Drift drift,
    Balancer balancer,
    Rollout rollout,
    Signatures signatures,
    Jobs jobs,
    List<Notice> notices,
    Promotion promotion,
    Clients clients,
    Extensions extensions,
    Catalog catalog,
    Watch watch) {

  record Catalog(String url, String caFile) {}

  record Watch(
      String duration, String interval, String baseline, String autoRevert, List<Signal> signals) {}

  record Signal(
      String name,
      String kind,
      PrometheusQuery prometheus,
      MetricsScrape metrics,
      HttpProbe json,
      Double max,
      Double minEffect) {}

  record PrometheusQuery(String url, String query) {}

  record MetricsScrape(String url, String metric, Map<String, String> labels) {}

  record Promotion(String shared, Database sharedDatabase, String after, String bake) {}

  record Clients(HttpProbe http, Prometheus prometheus, String policy) {}

  record Prometheus(String url, String query, String label) {}

  record Extensions(HttpProbe http, String command, String policy) {}

  record HttpProbe(String url, String path) {}

  record Notice(
      String name,
      JsonNode url,
      String format,
      List<String> events,
      String timeout,
      Integer retries) {}

  record Jobs(
      JobsHttp http,
      String command,
      // "wait" is Object's; the YAML key stays the word users type.
      @JsonProperty("wait") String waitFor) {}

  record JobsHttp(String url, String path) {}

  record Rollout(
      String strategy,
      Integer batch,
      String maxUnavailable,
      String ready,
      String readyTimeout,
      String minReady) {}

  record Signatures(List<String> trustedKeys) {}

  record Balancer(
      String type,
      String deadline,
      LinkedHashMap<String, BalancerNode> nodes,
      Haproxy haproxy,
      BalancerHttp http,
      BalancerCommand command) {}

  record BalancerNode(String server, String host, Integer port) {}

  record Haproxy(String socket, String address, String backend) {}

  record BalancerHttp(
      String drain, String ready, String maint, String inFlight, String inFlightPath) {}

  record BalancerCommand(
      String drain, String ready, String maint, String inFlight, String state, String timeout) {}

  record Drift(List<String> ignore, String scope) {}

  record Database(
      String host,
      Integer port,
      String name,
      String user,
      JsonNode password,
      String maintenanceDatabase) {}

  record Migrations(
      String historyTable,
      String lockWait,
      String lockTimeout,
      Integer lockRetries,
      String command,
      Startup startup,
      String deadline) {}

  record Startup(String service, String success, String failure, String log) {}

  record Rehearsal(String database, LinkedHashMap<String, Service> services, List<Check> checks) {}

  record Target(String type, String shell, Compose compose, LinkedHashMap<String, Host> hosts) {}

  record Host(
      String address,
      Integer port,
      String user,
      String keyFile,
      String knownHosts,
      // Only read to refuse it, saying why.
      JsonNode password) {}

  record Compose(
      String project,
      List<String> files,
      List<String> profiles,
      List<String> envFiles,
      String pins,
      String migrate,
      String migrateImage,
      List<String> command,
      // "wait" is Object's; the YAML key stays the word users type.
      @JsonProperty("wait") String waitFor) {}

  record Service(
      String component,
      List<String> nodes,
      List<String> run,
      String workingDir,
      Map<String, String> env,
      String stopTimeout,
      String stop,
      String install,
      String start,
      String version,
      List<Integer> ports,
      String image) {}

  record Check(
      String name, Http http, Command command, String deadline, Integer retries, String interval) {}

  record Http(
      String method,
      String url,
      Map<String, String> headers,
      String body,
      Integer expectStatus,
      List<String> assertions) {}

  record Command(String run, Integer expectExitCode) {}

  record Store(String name, StorePostgres postgres, StoreFiles files, StoreCommand command) {}

  record StorePostgres(String database) {}

  record StoreFiles(String path) {}

  record StoreCommand(String dump, String load, String scratchLoad) {}

  record Backup(
      String dir,
      String format,
      Integer jobs,
      Integer compression,
      Encryption encryption,
      Boolean snapshot,
      Retention retention) {}

  record Encryption(JsonNode key) {}

  record Retention(Integer keepLast, Integer keepRuns) {}
}
