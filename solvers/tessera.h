/*
   tessera.h - umbrella header of libtessera: includes every public module header in dependency order.
*/
#if !defined(TESSERA_H)
#define TESSERA_H

#include <petsc.h>
#include <tesserasys.h>
#include <tesseraio.h>
#include <tesserafvflux.h>
#include <tesseraneumannfft.h>
#include <tesserachemotaxis.h>
#include <tesseractproblems.h>

#endif
