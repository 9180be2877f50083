/**
 * The configuration of the CA NDES submits to, as {@code certutil -config <CA> -getreg} prints it:
 * its type and the rights its security descriptor grants.
 */
package dev.ndesdiag.ca;
