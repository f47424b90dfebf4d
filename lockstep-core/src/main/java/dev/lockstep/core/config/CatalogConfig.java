package dev.lockstep.core.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * A release catalog served over HTTPS ({@code catalog:}): its {@code index.json} lists every
 * release and every file of each with its sha256, and Lockstep copies new releases into the
 * deployment's {@code releases} folder, which then works offline.
 *
 * @param url the catalog's address, ending in {@code /}: {@code index.json} and each {@code
 *     <version>/…} are read relative to it
 * @param caFile the certificate (PEM) of the authority that signed the catalog's certificate, to
 *     trust it alone instead of the JVM's authorities; null for the JVM's
 */
public record CatalogConfig(URI url, Path caFile) {}
