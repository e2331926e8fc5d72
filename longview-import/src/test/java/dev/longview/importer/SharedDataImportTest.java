package dev.longview.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Imports the real datasets of ../shared/data when they are there; skips otherwise. */
class SharedDataImportTest {

  @Test
  void movielens100k_gives100kEvents_943Users_1682Items() {
    Path dir = SharedData.require("ml-100k");
    ImportReport report = Fixtures.run(ImportRequest.of("movielens-100k", dir)).report();
    System.out.println(report);

    assertThat(report.read()).isEqualTo(100_000);
    assertThat(report.imported()).isEqualTo(100_000);
    assertThat(report.rejected()).isZero();
    assertThat(report.users()).isEqualTo(943);
    assertThat(report.items()).isEqualTo(1_682);
    assertThat(report.itemsWithEvents()).isEqualTo(1_682);
  }

  @Test
  void movielens1m_gives1000209Events_6040Users_3706RatedItems() {
    Path dir = SharedData.require("ml-1m");
    var result = Fixtures.run(ImportRequest.of("movielens-1m", dir));
    ImportReport report = result.report();
    System.out.println(report);

    assertThat(report.input().getFileName().toString()).isEqualTo("ratings_no_timestamp.dat");
    assertThat(report.read()).isEqualTo(1_000_209);
    assertThat(report.imported()).isEqualTo(1_000_209);
    assertThat(report.rejected()).isZero();
    assertThat(report.users()).isEqualTo(6_040);
    assertThat(report.usersWithEvents()).isEqualTo(6_040);
    assertThat(report.itemsWithEvents()).isEqualTo(3_706);
    assertThat(report.items()).isEqualTo(3_883); // movies.dat lists 3,883 movies
    assertThat(result.writer().items.get("1").title()).isEqualTo("Toy Story (1995)");
  }

  @Test
  void movielensLatestSmall_gives100836Ratings_610Users() {
    Path dir = SharedData.require("ml-latest-small");
    ImportReport report = Fixtures.run(ImportRequest.of("movielens-latest", dir)).report();
    System.out.println(report);

    assertThat(report.read()).isEqualTo(100_836);
    assertThat(report.imported()).isEqualTo(100_836);
    assertThat(report.rejected()).isZero();
    assertThat(report.users()).isEqualTo(610);
    assertThat(report.items()).isEqualTo(9_742);
    assertThat(report.itemsWithEvents()).isEqualTo(9_724);
  }

  @Test
  void onlineRetail_rejects135080RowsWithoutCustomer() {
    Path file = SharedData.require("online-retail/online_retail.csv.gz");
    ImportReport report = Fixtures.run(ImportRequest.of("online-retail", file)).report();
    System.out.println(report);

    assertThat(report.read()).isEqualTo(541_909);
    assertThat(report.rejectedByReason()).containsEntry("missing_user_id", 135_080L);
    assertThat(report.read()).isEqualTo(report.imported() + report.duplicates() + report.rejected());
    assertThat(report.usersWithEvents()).isEqualTo(4_372);
  }
}
