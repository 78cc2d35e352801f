/// <reference types="vite/client" />

interface ImportMetaEnv {
  /**
   * '1' only in the test build (test/src/harness/global-setup.ts): the window
   * probes that end-to-end tests read exist there and nowhere else.
   */
  readonly VITE_MAJLIS_TEST_PROBES?: string;
}
