/**
 * IIS and HTTP.sys as they read their configuration: effective section values at a path, across
 * applicationHost.config, its location tags and the web.config files down the virtual path; the
 * sites, their bindings and the SCEP pool's identity; HTTP.sys's TLS bindings.
 */
package dev.ndesdiag.iis;
