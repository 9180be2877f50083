/**
 * Which values are secrets: the one list of secret-bearing names that the collector's redaction
 * and every message or evidence quoting a bundle value share.
 */
package dev.ndesdiag.secrets;
