/**
 * Checks of the CA NDES submits to, from its own configuration ({@code certutil -config <CA> -getreg}).
 */
package dev.ndesdiag.checks.ca;
