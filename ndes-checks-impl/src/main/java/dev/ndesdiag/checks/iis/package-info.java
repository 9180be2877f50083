/** Checks of IIS and HTTP.sys: request limits, bindings, authentication, application pools. */
package dev.ndesdiag.checks.iis;
