/*
   tesseralibsvm.h - reader of LIBSVM text data files ("label index:value index:value ...", 1-based ascending
   indices), part of tessera's io/ module.
*/
#if !defined(TESSERALIBSVM_H)
  #define TESSERALIBSVM_H

  #include <petscmat.h>
  #include <tesserasys.h>

/* SUBMANSEC = IO */

TESSERA_EXTERN PetscErrorCode TesseraLibSVMRead(MPI_Comm comm, const char name[], Mat *X, Vec *y);

#endif
