package dev.longview.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = ';', value = {
      "2011-12-01T08:26:00Z; 2011-12-01T08:26:00Z",
      "2011-12-01T09:26:00+01:00; 2011-12-01T09:26:00+01:00",
      "2011-12-01T08:26:00.250Z; 2011-12-01T08:26:00.250Z",
      "2011-12-01T08:26:00; 2011-12-01T08:26:00Z",
      "2011-12-01 08:26:00; 2011-12-01T08:26:00Z",
      "2011-12-01T08:26; 2011-12-01T08:26:00Z",
      "2011-12-01; 2011-12-01T00:00:00Z",
      // unix seconds: 1322727960 = 2011-12-01T08:26:00Z
      "1322727960; 2011-12-01T08:26:00Z",
      "1322727960.5; 2011-12-01T08:26:00.500Z",
      // milliseconds: 12 or more digits
      "1322727960000; 2011-12-01T08:26:00Z",
      "0; 1970-01-01T00:00:00Z",
      // 99,999,999,999 is still seconds (year 5138); 100,000,000,000 is milliseconds
      "99999999999; 5138-11-16T09:46:39Z",
      "100000000000; 1973-03-03T09:46:40Z",
      " 1322727960 ; 2011-12-01T08:26:00Z"})
  void parse_acceptedForms(String text, String expected) {
    assertThat(Timestamps.parse(text, ZoneOffset.UTC)).isEqualTo(OffsetDateTime.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2011-13-01", "2011-12-01T25:00:00Z", "yesterday", "12/1/2010 8:26",
      "1.2.3", "-", "NaN", "2011-12-01T08:26:00+25:00"})
  void parse_rejectsWhatIsNotATime(String text) {
    assertThat(Timestamps.parse(text, ZoneOffset.UTC)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "2011-06-01T08:26:00; 2011-06-01T08:26:00+01:00",
      "2011-12-01T08:26:00; 2011-12-01T08:26:00Z",
      "2011-06-01T08:26:00-04:00; 2011-06-01T08:26:00-04:00"})
  void parse_localTimesTakeTheGivenZone_offsetsWin(String text, String expected) {
    assertThat(Timestamps.parse(text, ZoneId.of("Europe/London")))
        .isEqualTo(OffsetDateTime.parse(expected));
  }
}
