export const id = 309;
export const ids = [309];
export const modules = {

/***/ 59309:
/***/ ((module) => {

module.exports = eval("require")("kerberos");


/***/ })

};
