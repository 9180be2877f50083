/**
 * Reading snapshot bundles (folders or zips) into the snapshot model, treating every bundle as
 * untrusted input. {@link dev.ndesdiag.bundle.BundleReader} is the public entry point; the part
 * readers are package-private.
 */
package dev.ndesdiag.bundle;
