/**
 * The production data file of a batch (decision 026): its format, writer and the maker-side reader. Named interface
 * {@code datafile}: the maker floor reads a receipt's refusal ({@link cn.healthcard.production.datafile.DataFileRefusedException},
 * {@link cn.healthcard.production.datafile.DataFileRefusal}) that {@code ProductionLine.receive} throws.
 */
@org.springframework.modulith.NamedInterface("datafile")
package cn.healthcard.production.datafile;
