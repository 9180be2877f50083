/**
 * Rendering reports: JSON (report format 1, with its JSON Schema) for tools and text for people.
 * The only package that writes JSON.
 */
package dev.ndesdiag.report;
