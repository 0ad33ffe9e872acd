import Foundation
import Testing

/// `weir deps` downloads nothing: it checks that what `packages.yml` lists is there to be read,
/// so that a CI script's `dbt deps && dbt build` runs unchanged where the packages are vendored.
@Suite struct DepsTests {
    @Test func localPackagesAreReadInPlaceAndInstalledOnesChecked() throws {
        let project = try RunProject("sample")
        let directory = project.directory
        try FileManager.default.createDirectory(atPath: directory + "/helpers", withIntermediateDirectories: true)
        try "name: helpers\nversion: '0.3.0'\n".write(toFile: directory + "/helpers/dbt_project.yml", atomically: true, encoding: .utf8)
        try "packages:\n  - local: helpers\n  - package: dbt-labs/dbt_utils\n    version: [\">=1.0.0\", \"<2.0.0\"]\n"
            .write(toFile: directory + "/packages.yml", atomically: true, encoding: .utf8)

        let (missing, _, missingErrors) = try WarnErrorTests.weir(["deps"], in: project)
        #expect(missing == 2)
        #expect(missingErrors.contains("'dbt-labs/dbt_utils' is not installed in dbt_packages/dbt_utils"), "\(missingErrors)")
        #expect(missingErrors.contains("packages.yml:3:5"), "\(missingErrors)")

        let installed = directory + "/dbt_packages/dbt_utils"
        try FileManager.default.createDirectory(atPath: installed, withIntermediateDirectories: true)
        try "name: dbt_utils\nversion: 1.4.1\n".write(toFile: installed + "/dbt_project.yml", atomically: true, encoding: .utf8)
        let (status, output, errors) = try WarnErrorTests.weir(["deps"], in: project)
        #expect(status == 0, "\(errors)")
        #expect(output.contains("Installed from <local @ helpers> (read in place)"), "\(output)")
        #expect(output.contains("(version 1.4.1)"), "\(output)")

        try "name: dbt_utils\nversion: 2.1.0\n".write(toFile: installed + "/dbt_project.yml", atomically: true, encoding: .utf8)
        let (tooNew, _, tooNewErrors) = try WarnErrorTests.weir(["deps"], in: project)
        #expect(tooNew == 2)
        #expect(tooNewErrors.contains("installed in version 2.1.0, which <2.0.0 does not admit"), "\(tooNewErrors)")

        // A lock file names the directory a git package went into.
        try "packages:\n  - git: https://github.com/dbt-labs/dbt-utils.git\n    revision: 1.4.1\n"
            .write(toFile: directory + "/packages.yml", atomically: true, encoding: .utf8)
        #expect(try WarnErrorTests.weir(["deps"], in: project).status == 2)
        try "packages:\n  - git: https://github.com/dbt-labs/dbt-utils.git\n    revision: 1.4.1\n    name: dbt_utils\n"
            .write(toFile: directory + "/package-lock.yml", atomically: true, encoding: .utf8)
        #expect(try WarnErrorTests.weir(["deps"], in: project).status == 0)
    }
}
