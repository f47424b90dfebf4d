package dev.lockstep.core.config;

import dev.lockstep.core.yaml.ProblemCollector;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.function.Function;

/**
 * Checks {@code catalog}: an HTTPS address, and the authority to trust for it when one is named.
 */
final class CatalogValidator {
  private static final String FIELD = "catalog";

  private final ProblemCollector problems;
  private final Function<String, Path> resolve;

  CatalogValidator(ProblemCollector problems, Function<String, Path> resolve) {
    this.problems = problems;
    this.resolve = resolve;
  }

  CatalogConfig validate(ConfigDocument.Catalog doc) {
    if (doc == null) {
      return null;
    }
    String text =
        problems.require(
            doc.url(),
            FIELD + ".url",
            "give the catalog's HTTPS address, e.g. https://releases.example.com/notes/.");
    URI url = text == null ? null : url(text);
    Path caFile = doc.caFile() == null ? null : caFile(resolve.apply(doc.caFile()));
    return new CatalogConfig(url, caFile);
  }

  private URI url(String text) {
    URI url;
    try {
      url = new URI(text.endsWith("/") ? text : text + "/");
    } catch (URISyntaxException e) {
      problems.add(
          FIELD + ".url",
          "'" + text + "' is not an address: " + e.getReason() + ".",
          "write it as https://host/path/.");
      return null;
    }
    if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
      problems.add(
          FIELD + ".url",
          "'"
              + text
              + "' is not an https:// address: releases fetched without TLS could be changed on"
              + " the way.",
          "serve the catalog over HTTPS (or copy it into a folder and set releases: instead).");
      return null;
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      problems.add(
          FIELD + ".url",
          "'" + text + "' has a query or a fragment.",
          "give the folder's address alone: index.json and each release are read under it.");
      return null;
    }
    return url;
  }

  private Path caFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        throw new CertificateException("no certificate in it");
      }
    } catch (IOException e) {
      problems.add(
          FIELD + ".caFile",
          file + " cannot be read: " + e.getMessage() + ".",
          "point it at the PEM certificate of the authority that signed the catalog's"
              + " certificate.");
    } catch (CertificateException e) {
      problems.add(
          FIELD + ".caFile",
          file + " holds no PEM certificate: " + e.getMessage() + ".",
          "point it at the PEM certificate of the authority that signed the catalog's"
              + " certificate.");
    }
    return file;
  }
}
