// Ink imports react-devtools-core only when DEV is set; the bundle aliases it to this stub.
export default { initialize(): void {}, connectToDevTools(): void {} };
