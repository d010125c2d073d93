// Placeholder replaced below when the shell lands.
export {};
