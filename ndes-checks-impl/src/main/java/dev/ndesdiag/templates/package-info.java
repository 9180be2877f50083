/**
 * Certificate templates as Active Directory holds them, read from the console output of
 * {@code certutil -v -dstemplate}: the reader, the model of one template object, and what its
 * flags, key usage, providers and security descriptor mean for NDES.
 */
package dev.ndesdiag.templates;
