/** Checks of what the SCEP URL answers: the bare URL, GetCACaps, GetCACert, a long PKIOperation and TLS. */
package dev.ndesdiag.checks.endpoint;
