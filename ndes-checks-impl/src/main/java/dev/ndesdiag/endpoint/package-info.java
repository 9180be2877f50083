/** Reading the SCEP probe's recorded answers: status descriptions and bodies. */
package dev.ndesdiag.endpoint;
