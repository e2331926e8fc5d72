/**
 * Dataset import: reads MovieLens (100K, 1M, latest), UCI Online Retail and generic event files
 * (CSV, JSON Lines) and writes users, items and events through a
 * {@link dev.longview.store.StoreWriter}.
 *
 * <p>The API is {@link dev.longview.importer.Importer} (entry point and format registry),
 * {@link dev.longview.importer.ImportRequest}, {@link dev.longview.importer.ImportReport},
 * {@link dev.longview.importer.RejectedRow}, {@link dev.longview.importer.BadRowException} and
 * {@link dev.longview.importer.ProgressListener}; everything else is package-private.
 *
 * <p>Design: one {@code FormatReader} per format turns lines into candidate users, items and
 * events; one {@code ImportContext} validates them (ids, known event type, item present when the
 * type needs one, finite values), hands them to the writer and counts, samples and writes out the
 * rows it rejects, or throws at the first one in strict mode. Readers never validate events
 * themselves beyond their format's own rules (rating range, quantity, price), so every format
 * rejects a bad id or type the same way. The hot loops split lines with {@code indexOf} (no
 * regular expressions), parse plain numbers by hand and cache the last parsed timestamp text.
 */
package dev.longview.importer;
