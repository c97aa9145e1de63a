/** The mini program has nothing to do before its pages start (see startUp.h5.ts for the H5 build). */
export {}
